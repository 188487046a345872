package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result contract: JSON keys of SPEC.md, --out, the terminal table, and the demo. */
class CliResultsTest {
    @TempDir
    Path dir;

    private Path demoFile(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/demo/" + name)) {
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }

    @Test
    void jsonHasTheSpecShapeAndOutWritesIt() throws IOException {
        Path out = dir.resolve("result.json");
        CliRun run = CliRun.of("simulate", "glm", "--formula", DemoCommand.FORMULA, "--family", "binomial",
                "--levels", "race=white,black,other",
                "--site", "a=" + demoFile("site1.csv"), "--site", "b=" + demoFile("site2.csv"),
                "--site", "c=" + demoFile("site3.csv"), "--json", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(json, new ObjectMapper().readTree(out.toFile()));
        assertEquals("glm", json.path("method").asText());
        assertEquals("binomial", json.path("family").asText());
        assertTrue(json.path("converged").asBoolean());
        assertEquals(4, json.path("iterations").asInt());
        assertEquals(189, json.path("n").asInt());
        assertEquals(List.of("a", "b", "c"), json.path("sites").findValuesAsText("name"));
        assertEquals(List.of("76", "66", "47"), json.path("sites").findValuesAsText("n"));
        JsonNode first = json.path("coefficients").get(0);
        for (String key : List.of("term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high")) {
            assertTrue(first.has(key), key);
        }
        assertEquals("(Intercept)", first.path("term").asText());
        assertEquals("raceblack", json.path("coefficients").get(3).path("term").asText());
        assertEquals(10, json.path("vcov").path("terms").size());
        assertEquals(10, json.path("vcov").path("matrix").size());
        for (String key : List.of("deviance", "null_deviance", "df_residual", "df_null", "aic", "log_likelihood")) {
            assertTrue(json.path("fit").has(key), key);
        }
        assertTrue(json.path("privacy").path("released").toString().contains("xtwx"));
    }

    @Test
    void tableReadsLikeSummaryGlm() throws IOException {
        CliRun run = CliRun.of("simulate", "glm", "--formula", DemoCommand.FORMULA, "--family", "binomial",
                "--levels", "race=white,black,other",
                "--site", "a=" + demoFile("site1.csv"), "--site", "b=" + demoFile("site2.csv"),
                "--site", "c=" + demoFile("site3.csv"));
        assertEquals(0, run.exitCode(), run.err());
        for (String s : List.of("Estimate", "Std. Error", "z value", "Pr(>|z|)", "raceblack", "Null deviance: 234.672",
                "Residual deviance: 201.285", "AIC: 221.285", "Number of Fisher Scoring iterations: 4")) {
            assertTrue(run.out().contains(s), "missing '" + s + "' in\n" + run.out());
        }
    }

    @Test
    void whereFilterSubsetsRowsAtEverySite() throws IOException {
        CliRun run = CliRun.of("simulate", "glm", "--formula", "low ~ age + lwt", "--family", "binomial",
                "--site", "a=" + demoFile("site1.csv"), "--site", "b=" + demoFile("site2.csv"),
                "--where", "race == 'white' & age >= 18", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        int n = json.path("n").asInt();
        assertTrue(n > 20 && n < 142, "n = " + n);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "simulate", "simulate glm", "demo", "benchmark"})
    void helpPrintsCleanly(String command) {
        List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: medfed"), run.out());
        assertEquals("", run.err(), "help must not warn");
    }

    @Test
    void demoMatchesThePooledFit() {
        CliRun run = CliRun.of("demo");
        assertEquals(0, run.exitCode(), run.err());
        Matcher m = Pattern.compile("Largest absolute difference[^:]*: ([0-9.eE+-]+)").matcher(run.out());
        assertTrue(m.find(), run.out());
        assertTrue(Double.parseDouble(m.group(1)) < 1e-9, run.out());
    }
}
