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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.site.ReleasePolicy;

/**
 * {@code simulate|run correlation}, {@code simulate|run ttest} and the table tests' options on the
 * bundled birth-weight sites. Expected numbers are R 4.2.2 on {@code MASS::birthwt} (the bundled
 * pooled rows), as noted at each.
 */
class CliCorrelationTTestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<String> sites() throws IOException {
        List<String> args = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            args.add("--site");
            args.add("s" + i + "=" + demoFile("site" + i + ".csv"));
        }
        return args;
    }

    private Path demoFile(String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            try (InputStream in = getClass().getResourceAsStream("/demo/" + name)) {
                Files.copy(in, p);
            }
        }
        return p;
    }

    private static CliRun cli(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return CliRun.of(all.toArray(String[]::new));
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= 1e-10 * Math.abs(expected), what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void simulateCorrelationPrintsTheMatrix() throws IOException {
        CliRun json = cli(List.of("simulate", "correlation", "--columns", "age,lwt", "--json"), sites());
        assertEquals(0, json.exitCode(), json.err());
        JsonNode doc = JSON.readTree(json.out());
        assertEquals("correlation", doc.path("method").asText());
        assertEquals(189, doc.path("n").asInt());
        // R: cor(birthwt$age, birthwt$lwt)
        assertRelative(0.18007315387809125, doc.path("matrix").get(0).get(1).asDouble(), "cor(age, lwt)");
        assertEquals("age", doc.path("pairs").get(0).path("x").asText());

        CliRun text = cli(List.of("simulate", "correlation", "--columns", "age,lwt", "--where", "smoke == 1",
                "--bounds", "age=14:45", "--bounds", "lwt=80:250"), sites());
        assertEquals(0, text.exitCode(), text.err());
        for (String s : List.of("Pearson correlations of 74 complete rows at 3 sites (s1, s2, s3), subset = smoke == 1",
                "Values clipped before summing: age to [14, 45], lwt to [80, 250]")) {
            assertTrue(text.out().contains(s), "missing '" + s + "' in\n" + text.out());
        }
    }

    @Test
    void simulateTTestWelchAndPooled() throws IOException {
        CliRun welch = cli(List.of("simulate", "ttest", "--column", "age", "--group", "smoke", "--json"), sites());
        assertEquals(0, welch.exitCode(), welch.err());
        JsonNode test = JSON.readTree(welch.out()).path("test");
        // R: t.test(age ~ smoke, data = birthwt)
        assertRelative(0.61768053790288147, test.path("statistic").asDouble(), "Welch t");
        assertRelative(164.72446387281713, test.path("df").asDouble(), "Welch df");
        assertEquals("Welch Two Sample t-test", test.path("method").asText());

        CliRun pooled = cli(List.of("simulate", "ttest", "--column", "age", "--group", "smoke", "--var-equal",
                "--where", "race != \"white\"", "--json"), sites());
        assertEquals(0, pooled.exitCode(), pooled.err());
        // R: t.test(age ~ smoke, data = birthwt[birthwt$race != 1, ], var.equal = TRUE)
        assertRelative(-1.2358732413990168, JSON.readTree(pooled.out()).path("test").path("statistic").asDouble(), "pooled t");

        CliRun text = cli(List.of("simulate", "ttest", "--column", "age", "--group", "smoke", "--levels", "smoke=1,0"), sites());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("true difference in means between group 1 and group 0"), text.out());
    }

    @Test
    void tableTestsFollowRsCorrectOption() throws IOException {
        // R: chisq.test(table(birthwt$smoke, birthwt$low)): 4.2359285456024578; correct = FALSE: 4.9237054343612918;
        // fisher.test: p 0.036176498691191099, odds ratio 2.014137231461024857.
        CliRun yates = cli(List.of("simulate", "table", "--rows", "smoke", "--cols", "low", "--json"), sites());
        assertEquals(0, yates.exitCode(), yates.err());
        JsonNode doc = JSON.readTree(yates.out());
        assertRelative(4.2359285456024578, doc.path("tests").path("chisq").path("statistic").asDouble(), "Yates X-squared");
        assertTrue(doc.path("tests").path("chisq").path("correct").asBoolean());
        assertRelative(0.036176498691191099, doc.path("tests").path("fisher").path("p_value").asDouble(), "Fisher p");
        assertRelative(2.014137231461024857, doc.path("tests").path("fisher").path("estimate").asDouble(), "Fisher OR");
        assertTrue(doc.path("measures").path("risk_difference").has("conf_low"));

        CliRun plain = cli(List.of("simulate", "table", "--rows", "smoke", "--cols", "low", "--no-correct", "--json"), sites());
        assertEquals(0, plain.exitCode(), plain.err());
        JsonNode chisq = JSON.readTree(plain.out()).path("tests").path("chisq");
        assertRelative(4.9237054343612918, chisq.path("statistic").asDouble(), "X-squared");
        assertFalse(chisq.path("correct").asBoolean());
    }

    @Test
    void differentialPrivacyNeedsBoundsAndNoisedTablesAreNotTested() throws IOException {
        CliRun table = cli(List.of("simulate", "table", "--rows", "smoke", "--cols", "low", "--dp", "laplace:1", "--json"), sites());
        assertEquals(0, table.exitCode(), table.err());
        JsonNode tests = JSON.readTree(table.out()).path("tests");
        assertTrue(tests.path("chisq").isNull() && tests.path("fisher").isNull(), tests.toString());
        assertTrue(tests.path("notes").get(0).asText().contains("differential-privacy noise"), tests.toString());

        // ε = 10 per release keeps the noise on each group's sum of squared deviations (per site
        // Laplace of scale ≈ 48, against sums in the thousands) from ever making one negative.
        CliRun ttest = cli(List.of("simulate", "ttest", "--column", "age", "--group", "smoke", "--bounds", "age=14:45",
                "--dp", "laplace:10", "--dp-budget", "20", "--json"), sites());
        assertEquals(0, ttest.exitCode(), ttest.err());
        JsonNode noised = JSON.readTree(ttest.out());
        assertTrue(noised.path("privacy").path("differential_privacy").path("noised").asBoolean());
        assertTrue(Math.abs(noised.path("test").path("statistic").asDouble()) < 10, noised.path("test").toString());

        CliRun unbounded = cli(List.of("simulate", "correlation", "--columns", "age,lwt", "--bounds", "age=14:45",
                "--dp", "laplace:1"), sites());
        assertEquals(1, unbounded.exitCode(), unbounded.err());
        assertTrue(unbounded.err().contains("quantity 'sum' has no per-row sensitivity bound"), unbounded.err());
        CliRun bounded = cli(List.of("simulate", "correlation", "--columns", "age,lwt", "--bounds", "age=14:45",
                "--bounds", "lwt=80:250", "--dp", "laplace:1", "--dp-budget", "20"), sites());
        assertEquals(0, bounded.exitCode(), bounded.err());
    }

    @Test
    void badInputIsAUsageOrDataError() throws IOException {
        CliRun threeLevels = cli(List.of("simulate", "ttest", "--column", "age", "--group", "race"), sites());
        assertEquals(2, threeLevels.exitCode(), threeLevels.err());
        assertTrue(threeLevels.err().contains("group race has 3 levels"), threeLevels.err());
        CliRun text = cli(List.of("simulate", "correlation", "--columns", "age,race"), sites());
        assertEquals(2, text.exitCode(), text.err());
        assertTrue(text.err().contains("column race is not numeric"), text.err());
        CliRun one = cli(List.of("simulate", "correlation", "--columns", "age"), sites());
        assertEquals(2, one.exitCode(), one.err());
        CliRun missing = cli(List.of("simulate", "correlation", "--columns", "age,weight"), sites());
        assertEquals(1, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("s1") && missing.err().contains("weight"), missing.err());
        CliRun few = cli(List.of("simulate", "ttest", "--column", "age", "--group", "smoke", "--where", "age > 34"), sites());
        assertEquals(1, few.exitCode(), few.err());
        assertTrue(few.err().contains("Welch's test needs at least 2 per group"), few.err());
    }

    @Test
    void runCorrelationAndTTestPrintWhatSimulatePrints() throws Exception {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        for (int i = 1; i <= 3; i++) {
            b.site("s" + i, "birthwt", demoFile("site" + i + ".csv")).policy("s" + i, ReleasePolicy.permissive());
        }
        try (LoopbackConsortium consortium = b.secureAggregation(false).start()) {
            Path pki = consortium.pki();
            List<String> hub = List.of("--dataset", "birthwt", "--hub", "127.0.0.1:" + consortium.hub().port(),
                    "--ca", pki.resolve("ca.pem").toString(), "--cert", pki.resolve("analyst.pem").toString(),
                    "--key", pki.resolve("analyst.key").toString());
            for (List<String> job : List.of(List.of("correlation", "--columns", "age,lwt"),
                    List.of("ttest", "--column", "lwt", "--group", "smoke", "--where", "age >= 18"))) {
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
}
