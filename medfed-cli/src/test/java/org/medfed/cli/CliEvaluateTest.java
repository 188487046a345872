package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.site.ReleasePolicy;

/** {@code --evaluate} on {@code simulate glm} and {@code run glm}: the result's evaluation block, its text, and usage errors. */
class CliEvaluateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NAMES = {"hospital_a", "hospital_b", "hospital_c"};

    @TempDir
    Path dir;

    private Path[] demoFiles() throws IOException {
        Path[] files = new Path[3];
        for (int i = 0; i < 3; i++) {
            try (InputStream in = CliEvaluateTest.class.getResourceAsStream("/demo/site" + (i + 1) + ".csv")) {
                files[i] = dir.resolve("site" + (i + 1) + ".csv");
                Files.copy(in, files[i]);
            }
        }
        return files;
    }

    private static List<String> model(String family, String... extra) {
        List<String> args = new ArrayList<>(List.of("--formula", DemoCommand.FORMULA, "--family", family,
                "--levels", "race=white,black,other"));
        args.addAll(List.of(extra));
        return args;
    }

    private static List<String> simulate(Path[] files, List<String> model) {
        List<String> args = new ArrayList<>(List.of("simulate", "glm"));
        for (int i = 0; i < 3; i++) {
            args.addAll(List.of("--site", NAMES[i] + "=" + files[i]));
        }
        args.addAll(model);
        return args;
    }

    private static CliRun run(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void simulatePrintsTheEvaluationAndItsJsonHasTheContractShape() throws IOException {
        Path[] files = demoFiles();
        CliRun json = run(simulate(files, model("binomial", "--evaluate", "--json")));
        assertEquals(0, json.exitCode(), json.err());
        JsonNode e = JSON.readTree(json.out()).path("evaluation");
        JsonNode hl = e.path("hosmer_lemeshow");
        assertEquals(3.9434154766423295, hl.path("statistic").asDouble(), 1e-9);
        assertEquals(8, hl.path("df").asInt());
        assertEquals(0.8621922663819814, hl.path("p_value").asDouble(), 1e-9);
        assertEquals(10, hl.path("groups").size());
        for (String field : List.of("lower", "upper", "n", "observed", "expected", "observed_0", "expected_0")) {
            assertTrue(hl.path("groups").get(0).has(field), field);
        }
        for (String field : List.of("auc", "conf_low", "conf_high", "method")) {
            assertTrue(e.path("auc").has(field), field);
        }
        assertEquals("DeLong", e.path("auc").path("method").asText());
        assertTrue(e.path("roc").size() > 100);
        for (String field : List.of("threshold", "tpr", "fpr")) {
            assertTrue(e.path("roc").get(1).has(field), field);
        }
        assertTrue(e.path("brier").isNumber());
        assertTrue(e.path("calibration").path("intercept").isNumber() && e.path("calibration").path("slope").isNumber());
        assertEquals(10, JSON.readTree(json.out()).path("options").path("evaluate").path("hl_groups").asInt());

        CliRun text = run(simulate(files, model("binomial", "--evaluate", "--hl-groups", "8")));
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("Hosmer-Lemeshow goodness of fit, 8 groups"), text.out());
        assertTrue(text.out().contains("df = 6"), text.out());
        assertTrue(text.out().contains("AUC (Mann-Whitney) = 0.746"), text.out());
        assertTrue(text.out().contains("Brier score = ") && text.out().contains("Calibration: intercept"), text.out());

        CliRun plain = run(simulate(files, model("binomial", "--json")));
        assertFalse(JSON.readTree(plain.out()).has("evaluation"), "no evaluation unless asked for");
    }

    @Test
    void evaluateWithAnotherFamilyOrBadOptionsIsAUsageError() throws IOException {
        Path[] files = demoFiles();
        CliRun gaussian = run(simulate(files, model("gaussian", "--evaluate")));
        assertEquals(2, gaussian.exitCode(), gaussian.err());
        assertTrue(gaussian.err().contains("--evaluate needs --family binomial"), gaussian.err());
        assertFalse(gaussian.err().contains("Exception"), gaussian.err());
        CliRun groups = run(simulate(files, model("binomial", "--evaluate", "--hl-groups", "2")));
        assertEquals(2, groups.exitCode(), groups.err());
        assertTrue(groups.err().contains("--hl-groups must be between 3 and 100"), groups.err());
        CliRun bins = run(simulate(files, model("binomial", "--evaluate", "--auc-bins", "1000")));
        assertEquals(2, bins.exitCode(), bins.err());
        assertTrue(bins.err().contains("--auc-bins must be a power of two"), bins.err());
    }

    @Test
    void runPrintsWhatSimulatePrints() throws Exception {
        Path[] files = demoFiles();
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        for (int i = 0; i < 3; i++) {
            b.site(NAMES[i], "birthwt", files[i]);
            // The default policy, except that counts of one may leave (DeployedEvaluationTest shows
            // the default refusing the evaluation).
            b.policy(NAMES[i], ReleasePolicy.defaults().withEvaluationMinCellCount(1));
        }
        try (LoopbackConsortium consortium = b.start()) {
            Path pki = consortium.pki();
            List<String> hub = List.of("--hub", "127.0.0.1:" + consortium.hub().port(), "--ca", pki.resolve("ca.pem").toString(),
                    "--cert", pki.resolve("analyst.pem").toString(), "--key", pki.resolve("analyst.key").toString());
            List<String> args = new ArrayList<>(List.of("run", "glm", "--dataset", "birthwt"));
            args.addAll(model("binomial", "--evaluate", "--json"));
            args.addAll(hub);
            CliRun deployed = run(args);
            assertEquals(0, deployed.exitCode(), deployed.err());
            assertTrue(deployed.err().contains("(eval_hl_groups)"), deployed.err());
            List<String> sim = simulate(files, model("binomial", "--evaluate", "--json", "--secure-aggregation"));
            CliRun simulated = run(sim);
            assertEquals(0, simulated.exitCode(), simulated.err());
            assertEquals(core(simulated.out()), core(deployed.out()));
        }
    }

    private static ObjectNode core(String json) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(json);
        n.remove("privacy");
        n.remove("provenance");
        return n;
    }
}
