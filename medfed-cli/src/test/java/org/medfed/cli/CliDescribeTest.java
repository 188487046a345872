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

/** {@code simulate summary|table} and {@code run summary|table} on the bundled birth-weight sites. */
class CliDescribeTest {
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

    @Test
    void simulateSummaryPrintsJsonAndAReadableTable() throws IOException {
        Path out = dir.resolve("summary.json");
        CliRun json = cli(List.of("simulate", "summary", "--columns", "age,race,lwt", "--bounds", "age=14:45",
                "--levels", "race=white,black,other", "--json", "--out", out.toString()), sites());
        assertEquals(0, json.exitCode(), json.err());
        JsonNode doc = JSON.readTree(json.out());
        assertEquals(doc, JSON.readTree(out.toFile()));
        assertEquals("summary", doc.path("method").asText());
        assertEquals(189, doc.path("n").asInt());
        assertEquals(List.of("age", "race", "lwt"), doc.path("columns").findValuesAsText("name"));
        assertEquals("numeric", doc.path("columns").get(0).path("type").asText());
        assertEquals(List.of("white", "black", "other"), doc.path("columns").get(1).path("levels").findValuesAsText("level"));
        assertEquals(96 + 26 + 67, doc.path("columns").get(1).path("levels").findValues("count").stream()
                .mapToInt(JsonNode::asInt).sum());
        assertEquals("[14.0,45.0]", doc.path("options").path("bounds").path("age").toString());
        assertTrue(doc.path("privacy").path("released").toString().contains("sum_sq_dev"));

        CliRun text = cli(List.of("simulate", "summary", "--columns", "age,race,lwt"), sites());
        assertEquals(0, text.exitCode(), text.err());
        for (String s : List.of("Summary of 189 rows at 3 sites (s1, s2, s3)", "n missing", "mean", "variance",
                "race (factor):", "black", "white")) {
            assertTrue(text.out().contains(s), "missing '" + s + "' in\n" + text.out());
        }
    }

    @Test
    void summaryQuantileAndHistogramOptions() throws IOException {
        CliRun json = cli(List.of("simulate", "summary", "--columns", "age,lwt", "--probs", "0.1,0.5,0.9",
                "--quantile-precision", "0.01", "--json"), sites());
        assertEquals(0, json.exitCode(), json.err());
        JsonNode age = JSON.readTree(json.out()).path("columns").get(0);
        List<String> keys = new ArrayList<>();
        age.path("quantiles").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("0.1", "0.5", "0.9"), keys);
        // MASS::birthwt: quantile(age, 0.5) = 23, min 14, max 45 (whole years: the search is exact).
        assertEquals(23, age.path("quantiles").path("0.5").asDouble());
        assertEquals(14, age.path("min").asDouble());
        assertEquals(45, age.path("max").asDouble());
        assertTrue(age.path("quantile_precision").asDouble() <= 0.01 * age.path("sd").asDouble());
        assertEquals(189, sum(age.path("histogram").path("counts")), "the histogram counts every row");

        CliRun bare = cli(List.of("simulate", "summary", "--columns", "age", "--probs", "none", "--no-histogram", "--json"), sites());
        assertEquals(0, bare.exitCode(), bare.err());
        JsonNode col = JSON.readTree(bare.out()).path("columns").get(0);
        assertTrue(col.path("quantiles").isMissingNode() && col.path("histogram").isMissingNode(), col.toString());

        CliRun text = cli(List.of("simulate", "summary", "--columns", "age"), sites());
        assertTrue(text.out().contains("Min.") && text.out().contains("50%") && text.out().contains("precision"), text.out());
        CliRun badProbs = cli(List.of("simulate", "summary", "--columns", "age", "--probs", "0.5,half"), sites());
        assertEquals(2, badProbs.exitCode());
        assertTrue(badProbs.err().contains("--probs: 'half' is not a number"), badProbs.err());
        CliRun outside = cli(List.of("simulate", "summary", "--columns", "age", "--probs", "1.5"), sites());
        assertEquals(2, outside.exitCode(), outside.err());
    }

    private static int sum(JsonNode counts) {
        int s = 0;
        for (JsonNode c : counts) {
            s += c.asInt();
        }
        return s;
    }

    @Test
    void simulateTablePrintsCountsLikeR() throws IOException {
        CliRun json = cli(List.of("simulate", "table", "--rows", "race", "--cols", "smoke",
                "--levels", "race=white,black,other", "--json"), sites());
        assertEquals(0, json.exitCode(), json.err());
        JsonNode table = JSON.readTree(json.out()).path("table");
        assertEquals(List.of("white", "black", "other"), texts(table.path("rows")));
        assertEquals(List.of("0", "1"), texts(table.path("cols")));
        // MASS::birthwt: table(race, smoke) = white 44/52, black 16/10, other 55/12.
        assertEquals("[[44,52],[16,10],[55,12]]", table.path("counts").toString());

        CliRun text = cli(List.of("simulate", "table", "--rows", "race", "--cols", "smoke"), sites());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("        smoke\nrace     0  1\n  black 16 10\n"), text.out());
        CliRun oneWay = cli(List.of("simulate", "table", "--rows", "race", "--where", "age >= 20"), sites());
        assertEquals(0, oneWay.exitCode(), oneWay.err());
        assertTrue(oneWay.out().contains("subset = age >= 20"), oneWay.out());
    }

    @Test
    void mistakesAreUsageOrDataErrors() throws IOException {
        CliRun badBounds = cli(List.of("simulate", "summary", "--columns", "age", "--bounds", "age=1"), sites());
        assertEquals(2, badBounds.exitCode());
        assertTrue(badBounds.err().contains("--bounds expects COLUMN=LO:HI"), badBounds.err());
        CliRun factorBounds = cli(List.of("simulate", "summary", "--columns", "race", "--bounds", "race=0:1"), sites());
        assertEquals(2, factorBounds.exitCode(), factorBounds.err());
        CliRun noColumn = cli(List.of("simulate", "table", "--rows", "weight"), sites());
        assertEquals(1, noColumn.exitCode());
        assertTrue(noColumn.err().contains("s1") && noColumn.err().contains("weight"), noColumn.err());
        CliRun same = cli(List.of("simulate", "table", "--rows", "race", "--cols", "race"), sites());
        assertEquals(2, same.exitCode(), same.err());
    }

    @Test
    void runSummaryAndTablePrintWhatSimulatePrints() throws Exception {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        for (int i = 1; i <= 3; i++) {
            b.site("s" + i, "birthwt", demoFile("site" + i + ".csv")).policy("s" + i, ReleasePolicy.permissive());
        }
        try (LoopbackConsortium consortium = b.secureAggregation(false).start()) {
            Path pki = consortium.pki();
            List<String> hub = List.of("--dataset", "birthwt", "--hub", "127.0.0.1:" + consortium.hub().port(),
                    "--ca", pki.resolve("ca.pem").toString(), "--cert", pki.resolve("analyst.pem").toString(),
                    "--key", pki.resolve("analyst.key").toString());
            for (List<String> job : List.of(List.of("summary", "--columns", "age,race"),
                    List.of("table", "--rows", "race", "--cols", "ht"))) {
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

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
