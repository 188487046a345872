package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.site.ReleasePolicy;

/**
 * The analyst's commands against a real loopback deployment (hub + three site agents, mutual
 * TLS): {@code run glm} prints what {@code simulate glm} prints; {@code jobs}, {@code result},
 * {@code rerun} and {@code sites}; and the errors an analyst or operator can make.
 */
class CliDeployTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static LoopbackConsortium consortium;
    private static Path[] files;

    @BeforeAll
    static void start() throws Exception {
        files = new Path[3];
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        String[] names = {"hospital_a", "hospital_b", "hospital_c"};
        for (int i = 0; i < 3; i++) {
            files[i] = demoFile("site" + (i + 1) + ".csv");
            b.site(names[i], "birthwt", files[i]);
        }
        // hospital_c (47 rows) requires 40 rows in any computation: a filtered or small analysis is refused.
        b.policy("hospital_c", new ReleasePolicy(null, 40, 0.33, ReleasePolicy.Approval.AUTO));
        // hospital_a and hospital_b also take part in two-site jobs (the default min_sites is 3).
        b.policy("hospital_a", ReleasePolicy.defaults().withMinSites(2));
        b.policy("hospital_b", ReleasePolicy.defaults().withMinSites(2));
        consortium = b.start();
    }

    @AfterAll
    static void stop() {
        consortium.close();
    }

    private static Path demoFile(String name) throws IOException {
        try (InputStream in = CliDeployTest.class.getResourceAsStream("/demo/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    private static List<String> analyst(String... args) {
        Path pki = consortium.pki();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--hub", "127.0.0.1:" + consortium.hub().port(), "--ca", pki.resolve("ca.pem").toString(),
                "--cert", pki.resolve("analyst.pem").toString(), "--key", pki.resolve("analyst.key").toString()));
        return all;
    }

    private static CliRun run(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    private static ObjectNode core(String json) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(json);
        n.remove("privacy");
        n.remove("provenance");
        return n;
    }

    @Test
    void runPrintsWhatSimulatePrintsAndJobsResultRerunSitesFollow() throws IOException {
        List<String> glm = List.of("--formula", DemoCommand.FORMULA, "--family", "binomial", "--levels",
                "race=white,black,other", "--json");
        List<String> runArgs = new ArrayList<>(List.of("run", "glm", "--dataset", "birthwt",
                "--sites", "hospital_a,hospital_b"));
        runArgs.addAll(glm);
        CliRun deployed = run(analyst(runArgs.toArray(String[]::new)));
        assertEquals(0, deployed.exitCode(), deployed.err());
        assertTrue(deployed.err().contains("round 2 (iterate): 2/2 sites answered"), deployed.err());

        // The deployment aggregates securely by default; so does this simulation, and then the two agree to the bit.
        List<String> simArgs = new ArrayList<>(List.of("simulate", "glm", "--secure-aggregation", "--site",
                "hospital_a=" + files[0], "--site", "hospital_b=" + files[1]));
        simArgs.addAll(glm);
        CliRun simulated = run(simArgs);
        assertEquals(0, simulated.exitCode(), simulated.err());
        assertEquals(core(simulated.out()).toString(), core(deployed.out()).toString());
        String job = JSON.readTree(deployed.out()).path("provenance").path("job").asText();

        CliRun result = run(analyst("result", job, "--json"));
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(JSON.readTree(deployed.out()), JSON.readTree(result.out()));
        CliRun text = run(analyst("result", job));
        assertTrue(text.out().contains("Residual deviance:"), text.out());

        CliRun rerun = run(analyst("rerun", job, "--json"));
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertEquals(core(deployed.out()), core(rerun.out()));
        CliRun jobs = run(analyst("jobs"));
        assertEquals(0, jobs.exitCode(), jobs.err());
        assertTrue(jobs.out().contains("re-run of job " + job), jobs.out());
        CliRun jobsJson = run(analyst("jobs", "--json"));
        assertEquals("succeeded", JSON.readTree(jobsJson.out()).get(0).path("status").asText());

        CliRun sites = run(analyst("sites", "--columns"));
        assertEquals(0, sites.exitCode(), sites.err());
        assertTrue(sites.out().contains("hospital_a") && sites.out().contains("connected"), sites.out());
        assertTrue(sites.out().contains("race (text)"), sites.out());
    }

    @Test
    void runAndResultDrawTheForestPlotFromTheHubsResult() throws IOException {
        Path plots = dir.resolve("run-plots");
        CliRun deployed = run(analyst("run", "glm", "--dataset", "birthwt", "--sites", "hospital_a,hospital_b",
                "--formula", "low ~ age + smoke", "--family", "binomial", "--json", "--plot", plots.toString()));
        assertEquals(0, deployed.exitCode(), deployed.err());
        assertTrue(Files.size(plots.resolve("forest.png")) > 1000 && Files.size(plots.resolve("forest.svg")) > 1000);
        String svg = Files.readString(plots.resolve("forest.svg"));
        assertTrue(svg.contains("Odds ratios (outcome: low)") && svg.contains("n = 142 at 2 sites"), svg);

        String job = JSON.readTree(deployed.out()).path("provenance").path("job").asText();
        Path again = dir.resolve("result-plots");
        CliRun result = run(analyst("result", job, "--plot", again.toString()));
        assertEquals(0, result.exitCode(), result.err());
        // VectorGraphics2D names clip paths by identity hash: the only part that may differ.
        assertEquals(svg.replaceAll("clip-?\\d+", "clip"),
                Files.readString(again.resolve("forest.svg")).replaceAll("clip-?\\d+", "clip"),
                "result redraws the same figure");
    }

    @Test
    void refusalsAndMistakesGetClearMessagesAndExitCodes() throws IOException {
        CliRun refused = run(analyst("run", "glm", "--dataset", "birthwt", "--formula", "low ~ age", "--family",
                "binomial", "--where", "age < 25"));
        assertEquals(1, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("site hospital_c refused: ") && refused.err().contains("< 40 (policy min_rows)"),
                refused.err());

        CliRun unknownSite = run(analyst("run", "glm", "--dataset", "birthwt", "--formula", "low ~ age",
                "--sites", "hospital_a,hospital_x"));
        assertEquals(1, unknownSite.exitCode());
        assertTrue(unknownSite.err().contains("site hospital_x is not connected to this hub"), unknownSite.err());

        CliRun noDataset = run(analyst("run", "glm", "--dataset", "cohort", "--formula", "low ~ age"));
        assertEquals(1, noDataset.exitCode());
        assertTrue(noDataset.err().contains("no connected site offers dataset 'cohort'"), noDataset.err());

        CliRun badFilter = run(analyst("run", "glm", "--dataset", "birthwt", "--formula", "low ~ age",
                "--where", "age >> 3"));
        assertEquals(2, badFilter.exitCode(), badFilter.err());

        CliRun missing = run(analyst("result", "999"));
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("no job 999"), missing.err());

        CliRun noHub = CliRun.of("jobs", "--ca", "x", "--cert", "y", "--key", "z");
        if (System.getenv("MEDFED_HUB") == null) {
            assertEquals(2, noHub.exitCode(), noHub.err());
            assertTrue(noHub.err().contains("missing --hub"), noHub.err());
        }

        Path pki = consortium.pki();
        CliRun unreachable = CliRun.of("sites", "--hub", "127.0.0.1:1", "--ca", pki.resolve("ca.pem").toString(),
                "--cert", pki.resolve("analyst.pem").toString(), "--key", pki.resolve("analyst.key").toString());
        assertEquals(1, unreachable.exitCode());
        assertTrue(unreachable.err().contains("cannot reach the hub at 127.0.0.1:1"), unreachable.err());

        CliRun siteCert = CliRun.of("jobs", "--hub", "127.0.0.1:" + consortium.hub().port(), "--ca",
                pki.resolve("ca.pem").toString(), "--cert", pki.resolve("hospital_a.pem").toString(), "--key",
                pki.resolve("hospital_a.key").toString());
        assertEquals(1, siteCert.exitCode());
        assertTrue(siteCert.err().contains("role site, which may not call ListJobs"), siteCert.err());
    }

    @Test
    void operatorCommandsCheckTheirConfiguration() throws IOException {
        Path hubYaml = dir.resolve("hub.yaml");
        Files.writeString(hubYaml, "listen: 127.0.0.1:0\nport: 7443\n");
        CliRun hub = CliRun.of("hub", "--config", hubYaml.toString());
        assertEquals(2, hub.exitCode());
        assertTrue(hub.err().contains("hub.yaml: port: unknown key"), hub.err());

        Path siteYaml = dir.resolve("site.yaml");
        Path pki = consortium.pki();
        Files.writeString(siteYaml, String.join("\n", "name: hospital_a", "hub: 127.0.0.1:1",
                "tls: {ca: " + pki.resolve("ca.pem") + ", cert: " + pki.resolve("hospital_b.pem") + ", key: "
                        + pki.resolve("hospital_b.key") + "}",
                "datasets: {birthwt: {path: " + files[0] + "}}", "state_dir: " + dir.resolve("state"), ""));
        CliRun wrongCert = CliRun.of("site", "--config", siteYaml.toString());
        assertEquals(2, wrongCert.exitCode());
        assertTrue(wrongCert.err().contains("differs from the name in its certificate"), wrongCert.err());

        CliRun approve = CliRun.of("site", "approve", "5", "--config", siteYaml.toString());
        assertEquals(1, approve.exitCode(), approve.err());
        assertTrue(approve.err().contains("no job 5 is waiting for approval"), approve.err());
        CliRun pending = CliRun.of("site", "pending", "--config", siteYaml.toString());
        assertEquals(0, pending.exitCode(), pending.err());
        assertTrue(pending.out().contains("no job is waiting"), pending.out());
    }
}
