package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;
import org.medfed.methods.bayes.BayesLogisticMethod;
import org.medfed.methods.bayes.BayesResult;
import org.medfed.methods.multinom.MultinomMethod;
import org.medfed.methods.multinom.MultinomParameters;
import org.medfed.methods.multinom.MultinomResult;

/**
 * {@code --where} for multinom and bayes-logistic: a job with a row filter gives the result of the
 * same job on site files filtered beforehand, and the rows outside the filter are never counted —
 * the files the filtered job reads have those rows rewritten with values that would break or change
 * the fit if any round read them (a response level outside {@code --levels}, absurd covariates).
 * The filter is applied here by the test's own reading of the CSV, not by medfed's RowFilter.
 */
public class FilteredModelRunsTest {
    public static final String WHERE = "age >= 20 & lwt < 170";
    /** Rows of the birthwt fixtures the filter keeps (R: nrow(subset(pooled, age >= 20 & lwt < 170))). */
    public static final int KEPT = 123;

    @TempDir
    Path dir;

    /** What {@link #WHERE} keeps, read straight from a CSV line. */
    private static boolean kept(List<String> header, String[] cells) {
        double age = Double.parseDouble(cells[header.indexOf("age")]);
        double lwt = Double.parseDouble(cells[header.indexOf("lwt")]);
        return age >= 20 && lwt < 170;
    }

    /**
     * Per site, two copies of the fixture's file: {@code filtered} with only the kept rows, and
     * {@code tampered} with every row, those outside the filter rewritten by {@code tamper}.
     */
    public static Map<String, Map<String, Path>> copies(Path dir, String name, Map<String, Path> sites,
            UnaryOperator<Map<String, String>> tamper) throws IOException {
        Map<String, Path> filtered = new LinkedHashMap<>();
        Map<String, Path> tampered = new LinkedHashMap<>();
        for (Map.Entry<String, Path> site : sites.entrySet()) {
            List<String> lines = Files.readAllLines(site.getValue());
            List<String> header = List.of(lines.get(0).split(","));
            List<String> keep = new ArrayList<>(List.of(lines.get(0)));
            List<String> all = new ArrayList<>(List.of(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                if (kept(header, cells)) {
                    keep.add(line);
                    all.add(line);
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), cells[i]);
                }
                all.add(String.join(",", tamper.apply(row).values()));
            }
            filtered.put(site.getKey(), Files.write(dir.resolve(name + "-" + site.getKey() + "-filtered.csv"), keep));
            tampered.put(site.getKey(), Files.write(dir.resolve(name + "-" + site.getKey() + "-tampered.csv"), all));
        }
        return Map.of("filtered", filtered, "tampered", tampered);
    }

    /** The result's JSON without the filter's text, which is the one thing the two runs state differently. */
    public static JsonNode withoutWhere(JsonNode json, String where) {
        assertEquals(where == null ? "" : where, json.path("where").asText(""));
        ObjectNode copy = json.deepCopy();
        copy.remove("where");
        return copy;
    }

    @Test
    void multinomWithWhereEqualsTheFitOnPrefilteredFiles() throws IOException {
        ReferenceCase fixture = ReferenceCase.load("multinom-birthwt-race");
        Map<String, Map<String, Path>> files = copies(dir, fixture.name(), fixture.siteFiles(), row -> {
            row.put("race", "unrecorded"); // not one of --levels: an error, had the row been read
            row.put("smoke", "1000");
            return row;
        });
        MultinomParameters parameters = MultinomParameters.of("race ~ age + lwt + smoke")
                .withLevels(Map.of("race", List.of("white", "black", "other")));
        Simulation filtered = Simulator.load(files.get("tampered")).run(new MultinomMethod(), parameters, WHERE);
        Simulation prefiltered = Simulator.load(files.get("filtered")).run(new MultinomMethod(), parameters, null);
        MultinomResult f = (MultinomResult) filtered.result();
        assertEquals(KEPT, f.n());
        assertTrue(f.converged());
        // R: table(subset(pooled, age >= 20 & lwt < 170)$race) gives white 64, black 11, other 48.
        assertEquals(64, f.toJson().path("level_counts").path("white").asInt());
        assertEquals(11, f.toJson().path("level_counts").path("black").asInt());
        assertEquals(48, f.toJson().path("level_counts").path("other").asInt());
        assertEquals(withoutWhere(prefiltered.result().toJson(), null), withoutWhere(f.toJson(), WHERE));
        assertEquals(prefiltered.rounds(), filtered.rounds());
        // The rewritten rows do break a job that reads them.
        assertThrows(MedfedException.class,
                () -> Simulator.load(files.get("tampered")).run(new MultinomMethod(), parameters, null));
    }

    /**
     * The bayes-logistic fixture's sites (birthwt with every column), {@code filtered} and
     * {@code tampered}: rows outside the filter get an outcome that is not 0/1, a race outside
     * {@code --levels} and an absurd ptl.
     */
    public static Map<String, Map<String, Path>> birthwtCopies(Path dir) throws IOException {
        ReferenceCase fixture = ReferenceCase.load("bayes-logistic-birthwt");
        // This fixture's expected.json does not list its sites; its files are site1..3.csv.
        return copies(dir, fixture.name(), BayesLogisticReferenceTest.siteFiles(fixture), row -> {
            row.put("low", "7"); // not 0/1: an error for a binomial outcome, had the row been read
            row.put("race", "unrecorded"); // not one of --levels
            row.put("ptl", "1000");
            return row;
        });
    }

    @Test
    void bayesLogisticWithWhereEqualsTheFitOnPrefilteredFiles() throws IOException {
        ReferenceCase fixture = ReferenceCase.load("bayes-logistic-birthwt");
        Map<String, Path> sites = BayesLogisticReferenceTest.siteFiles(fixture);
        Map<String, Map<String, Path>> files = birthwtCopies(dir);
        var parameters = BayesLogisticReferenceTest.parameters(1);
        Simulation filtered = Simulator.load(files.get("tampered")).run(new BayesLogisticMethod(), parameters, WHERE);
        Simulation prefiltered = Simulator.load(files.get("filtered")).run(new BayesLogisticMethod(), parameters, null);
        BayesResult f = (BayesResult) filtered.result();
        assertEquals(KEPT, f.n());
        assertTrue(f.converged());
        assertEquals(withoutWhere(prefiltered.result().toJson(), null), withoutWhere(f.toJson(), WHERE));
        assertEquals(prefiltered.rounds(), filtered.rounds());
        assertThrows(MedfedException.class,
                () -> Simulator.load(files.get("tampered")).run(new BayesLogisticMethod(), parameters, null));
        // The filter is what changed the fit: the unfiltered fixture gives other posterior means.
        BayesResult all = BayesLogisticReferenceTest.fit(sites, parameters);
        assertEquals(189, all.n());
        assertTrue(Math.abs(all.toJson().path("coefficients").get(1).path("estimate").asDouble()
                - f.toJson().path("coefficients").get(1).path("estimate").asDouble()) > 1e-3);
    }
}
