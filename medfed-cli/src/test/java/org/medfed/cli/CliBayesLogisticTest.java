package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate bayes-logistic}: the exact posterior on the birthwt fixture, the text table, usage and data errors. */
class CliBayesLogisticTest {
    private static final Path CASE = Path.of("..", "medfed-runtime", "src", "test", "resources", "reference",
            "bayes-logistic-birthwt");

    @TempDir
    Path dir;

    private static List<String> birthwt(String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", "bayes-logistic", "--formula",
                "low ~ age + lwt + race + smoke + ptl + ht + ui + ftv", "--levels", "race=white,black,other"));
        for (int i = 1; i <= 3; i++) {
            args.addAll(List.of("--site", "site" + i + "=" + CASE.resolve("site" + i + ".csv")));
        }
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void jsonCarriesThePosterior() throws Exception {
        CliRun run = CliRun.of(birthwt("--prior-sd", "10", "--json").toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode expected = new ObjectMapper().readTree(CASE.resolve("expected.json").toFile()).path("analyses").path("prior_sd_10");
        assertEquals("bayes-logistic", json.path("method").asText());
        assertEquals(10.0, json.path("prior_sd").asDouble());
        assertTrue(json.path("converged").asBoolean());
        assertTrue(json.path("iterations").asInt() > 1);
        assertEquals(189, json.path("n").asInt());
        for (int j = 0; j < expected.path("terms").size(); j++) {
            JsonNode c = json.path("coefficients").get(j);
            assertEquals(expected.path("terms").get(j).asText(), c.path("term").asText());
            double sd = expected.path("posterior_sd").get(j).asDouble();
            assertEquals(expected.path("posterior_mean").get(j).asDouble(), c.path("estimate").asDouble(), 0.05 * sd);
            assertEquals(sd, c.path("std_error").asDouble(), 0.05 * sd);
            assertTrue(c.path("conf_low").asDouble() < c.path("estimate").asDouble()
                    && c.path("estimate").asDouble() < c.path("conf_high").asDouble());
            assertEquals(c.path("std_error").asDouble() * c.path("std_error").asDouble(),
                    json.path("vcov").path("matrix").get(j).get(j).asDouble(), 1e-12);
        }
    }

    @Test
    void textShowsTheTable() {
        CliRun run = CliRun.of(birthwt("--prior-sd", "1").toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        for (String s : List.of("Prior: N(0, 1^2)", "Post. mean", "95% lower", "raceblack", "EP sweeps",
                "site1 76 rows, site2 66 rows, site3 47 rows; total 189")) {
            assertTrue(run.out().contains(s), "no '" + s + "' in\n" + run.out());
        }
    }

    @Test
    void usageAndDataErrors() throws Exception {
        CliRun noPrior = CliRun.of(birthwt().toArray(String[]::new));
        assertEquals(2, noPrior.exitCode(), noPrior.err());
        assertTrue(noPrior.err().contains("--prior-sd"), noPrior.err());
        CliRun negative = CliRun.of(birthwt("--prior-sd", "-1").toArray(String[]::new));
        assertEquals(2, negative.exitCode(), negative.err());
        assertTrue(negative.err().contains("--prior-sd must be a positive number"), negative.err());
        Path bad = dir.resolve("bad.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(CASE.resolve("site2.csv")));
        lines.set(3, lines.get(3).replaceFirst("^[01],", "2,"));
        Files.write(bad, lines);
        List<String> args = birthwt("--prior-sd", "1");
        args.set(args.indexOf("site2=" + CASE.resolve("site2.csv")), "site2=" + bad);
        CliRun outcome = CliRun.of(args.toArray(String[]::new));
        assertTrue(outcome.exitCode() != 0, outcome.out());
        assertTrue(outcome.err().contains("0/1 outcome") && outcome.err().contains("site2"), outcome.err());
        assertTrue(!outcome.err().contains("\tat org."), "no stack trace: " + outcome.err());
    }
}
