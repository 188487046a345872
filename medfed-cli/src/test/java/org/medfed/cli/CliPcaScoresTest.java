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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code medfed site pca-scores}: a site's scores of a pca result, written locally. On the
 * USArrests fixture they equal R's {@code prcomp(scale. = TRUE)$x} (up to each component's sign);
 * on the bundled birth-weight sites they honour the site's coarsening and the job's --where; bad
 * input exits with a message.
 */
class CliPcaScoresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shared fixture and R's scores, as the runtime module's tests hold them (tests run in the module's folder). */
    private static final Path RUNTIME_TESTS = Path.of("..", "medfed-runtime", "src", "test", "resources");

    @TempDir
    Path dir;

    /** A site.yaml for site {@code name} with the given datasets lines; the TLS files exist but are not used. */
    private Path siteYaml(String name, String... datasets) throws IOException {
        Files.createDirectories(dir.resolve("pki"));
        for (String f : List.of("ca.pem", "site.pem", "site.key")) {
            Files.writeString(dir.resolve("pki").resolve(f), "x");
        }
        List<String> lines = new ArrayList<>(List.of("name: " + name, "hub: 127.0.0.1:7443",
                "tls: {ca: pki/ca.pem, cert: pki/site.pem, key: pki/site.key}", "datasets:"));
        lines.addAll(List.of(datasets));
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, String.join("\n", lines) + "\n");
        return config;
    }

    private Path demo(int i) throws IOException {
        Path p = dir.resolve("site" + i + ".csv");
        if (!Files.exists(p)) {
            try (InputStream in = getClass().getResourceAsStream("/demo/site" + i + ".csv")) {
                Files.copy(in, p);
            }
        }
        return p;
    }

    private Path simulate(String file, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("simulate", "pca"));
        all.addAll(List.of(args));
        all.add("--json");
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        Path result = dir.resolve(file);
        Files.writeString(result, run.out());
        return result;
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    @Test
    void scoresOfEachSiteEqualPrcompsUpToSign() throws IOException {
        Path fixture = RUNTIME_TESTS.resolve("reference/pca-usarrests").toAbsolutePath();
        List<String> sites = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sites.add("--site");
            sites.add("site" + i + "=" + fixture.resolve("site" + i + ".csv"));
        }
        List<String> args = new ArrayList<>(List.of("--columns", "Murder,Assault,UrbanPop,Rape", "--scale"));
        args.addAll(sites);
        Path result = simulate("pca.json", args.toArray(String[]::new));
        JsonNode r = JSON.readTree(RUNTIME_TESTS.resolve("r-checks/pca-scores.json").toFile());
        Map<String, JsonNode> expected = new HashMap<>();
        r.path("rows").forEach(row -> expected.put(row.path("state").asText(), row.path("scores")));
        JsonNode loadings = JSON.readTree(result.toFile()).path("loadings").path("matrix");
        double[] sign = new double[4];
        for (int j = 0; j < 4; j++) {
            sign[j] = Math.signum(r.path("rotation_by_component").get(j).get(0).asDouble() * loadings.get(0).get(j).asDouble());
        }
        int seen = 0;
        for (int i = 1; i <= 3; i++) {
            Path config = siteYaml("site" + i, "  arrests: {path: " + fixture.resolve("site" + i + ".csv") + "}");
            Path out = dir.resolve("scores" + i + ".csv");
            CliRun run = CliRun.of("site", "pca-scores", "--config", config.toString(), "--result", result.toString(),
                    "--out", out.toString(), "--id-column", "state");
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.err().contains("written to " + out + " (they stay at this site)"), run.err());
            List<String[]> rows = csv(out);
            assertEquals(List.of("state", "PC1", "PC2", "PC3", "PC4"), List.of(rows.get(0)));
            for (String[] row : rows.subList(1, rows.size())) {
                JsonNode want = expected.get(row[0]);
                for (int j = 0; j < 4; j++) {
                    assertEquals(want.get(j).asDouble(), sign[j] * Double.parseDouble(row[j + 1]), 1e-12, row[0] + " PC" + (j + 1));
                }
                seen++;
            }
        }
        assertEquals(50, seen);
    }

    @Test
    void theSitesCoarseningAndTheJobsFilterShapeTheRows() throws IOException {
        List<String> args = new ArrayList<>(List.of("--columns", "age,lwt,ptl", "--k", "2", "--where", "smoke == 1"));
        for (int i = 1; i <= 3; i++) {
            args.addAll(List.of("--site", "s" + i + "=" + demo(i)));
        }
        Path result = simulate("pca.json", args.toArray(String[]::new));
        JsonNode pca = JSON.readTree(result.toFile());
        Path config = siteYaml("s1", "  birthwt: {path: site1.csv, coarsen: {lwt: 10}}");
        Path out = dir.resolve("out/scores.csv");
        CliRun run = CliRun.of("site", "pca-scores", "--config", config.toString(), "--result", result.toString(),
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String[]> written = csv(out);
        assertEquals(List.of("line", "PC1", "PC2"), List.of(written.get(0)));

        // The same projection computed here from the data file: smokers only, lwt rounded up to tens.
        List<String> lines = Files.readAllLines(demo(1));
        List<String> header = List.of(lines.get(0).split(","));
        int smokers = 0;
        int w = 1;
        for (int line = 2; line <= lines.size(); line++) {
            String[] cells = lines.get(line - 1).split(",", -1);
            if (!cells[header.indexOf("smoke")].equals("1")) {
                continue;
            }
            smokers++;
            double[] x = {Double.parseDouble(cells[header.indexOf("age")]),
                    Math.ceil(Double.parseDouble(cells[header.indexOf("lwt")]) / 10) * 10,
                    Double.parseDouble(cells[header.indexOf("ptl")])};
            String[] row = written.get(w++);
            assertEquals(Integer.toString(line), row[0]);
            for (int j = 0; j < 2; j++) {
                double score = 0;
                for (int i = 0; i < 3; i++) {
                    score += (x[i] - pca.path("center").get(i).asDouble()) * pca.path("loadings").path("matrix").get(i).get(j).asDouble();
                }
                assertEquals(score, Double.parseDouble(row[j + 1]), 1e-9, "line " + line + " PC" + (j + 1));
            }
        }
        assertEquals(smokers + 1, written.size(), "one line per smoker, no other row");
        assertTrue(smokers > 0);
    }

    @Test
    void badInputExitsWithAMessage() throws IOException {
        Path config = siteYaml("s1", "  birthwt: {path: site1.csv}", "  other: {path: site2.csv}");
        demo(1);
        demo(2);
        Path pca = simulate("pca.json", "--columns", "age,lwt", "--site", "s1=" + demo(1));
        Path out = dir.resolve("scores.csv");

        CliRun several = CliRun.of("site", "pca-scores", "--config", config.toString(), "--result", pca.toString(),
                "--out", out.toString());
        assertEquals(2, several.exitCode());
        assertTrue(several.err().contains("site s1 has several datasets (birthwt, other): name the one the job "
                + "analysed with --dataset"), several.err());

        CliRun unknown = CliRun.of("site", "pca-scores", "--config", config.toString(), "--result", pca.toString(),
                "--out", out.toString(), "--dataset", "lab");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("site s1 has no dataset 'lab' (datasets: birthwt, other)"), unknown.err());

        CliRun overwrite = CliRun.of("site", "pca-scores", "--config", config.toString(), "--result", pca.toString(),
                "--out", demo(1).toString(), "--dataset", "birthwt");
        assertEquals(2, overwrite.exitCode());
        assertTrue(overwrite.err().contains("is the data file of dataset birthwt"), overwrite.err());

        CliRun glm = CliRun.of("simulate", "glm", "--formula", "low ~ age", "--family", "binomial", "--site",
                "s1=" + demo(1), "--json");
        assertEquals(0, glm.exitCode(), glm.err());
        Path fit = dir.resolve("fit.json");
        Files.writeString(fit, glm.out());
        CliRun notPca = CliRun.of("site", "pca-scores", "--config", config.toString(), "--result", fit.toString(),
                "--out", out.toString(), "--dataset", "birthwt");
        assertEquals(2, notPca.exitCode());
        assertTrue(notPca.err().contains(fit + " is not a pca result (its method is glm)"), notPca.err());

        Files.writeString(dir.resolve("broken.json"), "{\"method\": ");
        CliRun broken = CliRun.of("site", "pca-scores", "--config", config.toString(), "--result",
                dir.resolve("broken.json").toString(), "--out", out.toString(), "--dataset", "birthwt");
        assertEquals(2, broken.exitCode());
        assertTrue(broken.err().contains("broken.json: not valid JSON"), broken.err());

        Path otherColumns = simulate("pca2.json", "--columns", "age,lwt,ftv", "--site", "s1=" + demo(1));
        Files.writeString(dir.resolve("narrow.csv"), "age,lwt\n19,182\n");
        Path narrow = siteYaml("s9", "  birthwt: {path: narrow.csv}");
        CliRun missing = CliRun.of("site", "pca-scores", "--config", narrow.toString(), "--result",
                otherColumns.toString(), "--out", out.toString());
        assertEquals(1, missing.exitCode(), missing.err()); // a data error, as in a job
        assertTrue(missing.err().contains("narrow.csv") && missing.err().contains("ftv")
                && missing.err().contains("no such column, which the PCA analysed (columns are: age, lwt)"), missing.err());

        CliRun id = CliRun.of("site", "pca-scores", "--config", config.toString(), "--result", pca.toString(),
                "--out", out.toString(), "--dataset", "birthwt", "--id-column", "patient");
        assertEquals(1, id.exitCode(), id.err());
        assertTrue(id.err().contains("patient") && id.err().contains("no such column"), id.err());
        Files.writeString(dir.resolve("typo.csv"), "age,lwt,ftv\n19,182,0\n33,155,3\n20,1O5,1\n");
        Path typo = siteYaml("s8", "  birthwt: {path: typo.csv}");
        CliRun text = CliRun.of("site", "pca-scores", "--config", typo.toString(), "--result", otherColumns.toString(),
                "--out", out.toString());
        assertEquals(1, text.exitCode(), text.err());
        assertTrue(text.err().contains("typo.csv") && text.err().contains("line 4") && text.err().contains("lwt")
                && text.err().contains("'1O5' is not a number (the PCA analysed this column as numbers)"), text.err());
        for (CliRun r : List.of(several, unknown, overwrite, notPca, broken, missing, id, text)) {
            assertFalse(r.err().contains("at org."), r.err());
        }
    }
}
