package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.methods.pca.PcaMethod;
import org.medfed.methods.pca.PcaParameters;
import org.medfed.methods.pca.PcaResult;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;

/**
 * {@code simulate|run pca} on the bundled birth-weight sites: the options reach the method (the
 * command's JSON is the simulator's result for the same parameters), run prints what simulate
 * prints, and bad input exits with a message rather than a stack trace.
 */
class CliPcaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, Path> files() throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            Path p = dir.resolve("site" + i + ".csv");
            if (!Files.exists(p)) {
                try (InputStream in = getClass().getResourceAsStream("/demo/site" + i + ".csv")) {
                    Files.copy(in, p);
                }
            }
            files.put("s" + i, p);
        }
        return files;
    }

    private List<String> sites() throws IOException {
        List<String> args = new ArrayList<>();
        files().forEach((name, path) -> {
            args.add("--site");
            args.add(name + "=" + path);
        });
        return args;
    }

    private static CliRun cli(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void simulatePcaGivesTheMethodsResultForTheOptions() throws IOException {
        CliRun json = cli(List.of("simulate", "pca", "--columns", "age,lwt,ptl", "--scale", "--k", "2",
                "--where", "smoke == 1", "--json"), sites());
        assertEquals(0, json.exitCode(), json.err());
        JsonNode doc = JSON.readTree(json.out());
        PcaResult expected = (PcaResult) Simulator.load(files()).run(new PcaMethod(),
                PcaParameters.scaled("age", "lwt", "ptl").withK(2), "smoke == 1").result();
        assertEquals("pca", doc.path("method").asText());
        assertEquals(74, doc.path("n").asInt());
        assertEquals("correlation", doc.path("matrix").asText());
        assertEquals(expected.toJson().path("sdev"), doc.path("sdev"));
        assertEquals(expected.toJson().path("loadings"), doc.path("loadings"));
        assertEquals(2, doc.path("loadings").path("cols").size());

        CliRun text = cli(List.of("simulate", "pca", "--columns", "age,lwt"), sites());
        assertEquals(0, text.exitCode(), text.err());
        for (String s : List.of("Principal components of 189 complete rows at 3 sites (s1, s2, s3)",
                "Covariance matrix (variables centred, not scaled)", "Importance of components:", "Scores stay at the sites")) {
            assertTrue(text.out().contains(s), "missing '" + s + "' in\n" + text.out());
        }
    }

    @Test
    void badInputExitsWithAMessage() throws IOException {
        CliRun factor = cli(List.of("simulate", "pca", "--columns", "age,race"), sites());
        assertEquals(2, factor.exitCode(), factor.err());
        assertTrue(factor.err().contains("column race is not numeric"), factor.err());
        assertFalse(factor.err().contains("at org."), factor.err());
        CliRun k = cli(List.of("simulate", "pca", "--columns", "age,lwt", "--k", "3"), sites());
        assertEquals(2, k.exitCode(), k.err());
        assertTrue(k.err().contains("--k must be between 1 and the number of columns (2), got 3"), k.err());
    }

    @Test
    void runPcaPrintsWhatSimulatePrints() throws Exception {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        files().forEach((name, path) -> b.site(name, "birthwt", path).policy(name, ReleasePolicy.permissive()));
        try (LoopbackConsortium consortium = b.secureAggregation(false).start()) {
            Path pki = consortium.pki();
            List<String> hub = List.of("--dataset", "birthwt", "--hub", "127.0.0.1:" + consortium.hub().port(),
                    "--ca", pki.resolve("ca.pem").toString(), "--cert", pki.resolve("analyst.pem").toString(),
                    "--key", pki.resolve("analyst.key").toString());
            List<String> job = List.of("pca", "--columns", "age,lwt,ptl,ftv", "--scale");
            List<String> run = new ArrayList<>(List.of("run"));
            run.addAll(job);
            CliRun deployed = cli(run, hub);
            List<String> simulate = new ArrayList<>(List.of("simulate"));
            simulate.addAll(job);
            CliRun simulated = cli(simulate, sites());
            assertEquals(0, deployed.exitCode(), deployed.err());
            assertEquals(simulated.out(), deployed.out());
            assertFalse(deployed.out().isBlank());
        }
    }
}
