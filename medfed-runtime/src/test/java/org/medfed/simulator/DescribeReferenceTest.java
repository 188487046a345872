package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.medfed.method.Aggregation;
import org.medfed.methods.describe.ColumnSummary;
import org.medfed.methods.describe.Histogram;
import org.medfed.methods.describe.LevelCount;
import org.medfed.methods.describe.SummaryMethod;
import org.medfed.methods.describe.SummaryParameters;
import org.medfed.methods.describe.SummaryResult;
import org.medfed.methods.describe.TableMethod;
import org.medfed.methods.describe.TableParameters;
import org.medfed.methods.describe.TableResult;
import org.medfed.site.ReleaseRecord;

/**
 * The summary-stats-lung fixture (NCCTG lung, with missing values) through the simulator: the
 * federated summary and table equal R's pooled answers, whatever the split or site order.
 */
class DescribeReferenceTest {
    private static final double RELATIVE = 1e-12;
    private static final ReferenceCase LUNG = ReferenceCase.load("summary-stats-lung");

    private static List<String> columns() {
        List<String> names = new ArrayList<>();
        LUNG.expected().path("data").path("columns").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    private static SummaryParameters summary() {
        return new SummaryParameters(columns(), Map.of(), LUNG.levels());
    }

    private static SummaryResult summarize(Map<String, Path> sites) {
        return (SummaryResult) Simulator.load(sites).run(new SummaryMethod(), summary(), null).result();
    }

    @Test
    void summaryReproducesRsPooledStatistics() {
        SummaryResult r = summarize(LUNG.siteFiles());
        assertEquals(columns(), r.columns().stream().map(ColumnSummary::name).toList());
        assertEquals(228, r.rows());
        LUNG.analysis("numeric_summary").path("columns").properties().forEach(e -> {
            JsonNode x = e.getValue();
            ColumnSummary c = r.column(e.getKey());
            assertEquals(ColumnSummary.NUMERIC, c.type(), e.getKey());
            assertEquals(x.path("n").asDouble(), c.n(), e.getKey() + " n");
            assertEquals(x.path("n_missing").asDouble(), c.missing(), e.getKey() + " missing");
            assertRelative(x.path("mean").asDouble(), c.mean(), e.getKey() + " mean");
            assertRelative(x.path("sd").asDouble(), c.sd(), e.getKey() + " sd");
            assertRelative(x.path("var").asDouble(), c.variance(), e.getKey() + " variance");
        });
        LUNG.analysis("categorical_summary").path("columns").properties().forEach(e -> {
            JsonNode x = e.getValue();
            ColumnSummary c = r.column(e.getKey());
            assertEquals(ColumnSummary.FACTOR, c.type(), e.getKey());
            assertEquals(x.path("n_missing").asDouble(), c.missing(), e.getKey() + " missing");
            List<String> levels = new ArrayList<>();
            x.path("levels").forEach(l -> levels.add(l.asText()));
            assertEquals(levels, c.levels().stream().map(LevelCount::level).toList(), e.getKey());
            for (int i = 0; i < levels.size(); i++) {
                assertEquals(x.path("counts").get(i).asDouble(), c.levels().get(i).count(), e.getKey() + " " + levels.get(i));
            }
        });
    }

    /**
     * Quantiles of every numeric column within the precision the result states (never below R's
     * value, at most one grid step above), min and max equal to R's where every site releases them
     * (the simulator's permissive policy does), and histograms that count every row.
     */
    @Test
    void quantilesExtremesAndHistogramsAgreeWithRsPooledValues() {
        SummaryResult r = summarize(LUNG.siteFiles());
        LUNG.analysis("numeric_summary").path("columns").properties().forEach(e -> {
            JsonNode x = e.getValue();
            ColumnSummary c = r.column(e.getKey());
            double precision = c.quantilePrecision();
            assertTrue(precision > 0 && precision <= 1e-3 * c.sd(), e.getKey() + " precision " + precision);
            Map<Double, String> keys = Map.of(0.25, "q25", 0.5, "median", 0.75, "q75");
            keys.forEach((p, key) -> {
                double expected = x.path(key).asDouble();
                double got = c.quantile(p);
                assertTrue(got >= expected - 1e-9 * Math.abs(expected) && got - expected <= precision,
                        e.getKey() + " " + key + ": R " + expected + ", federated " + got + " (precision " + precision + ")");
            });
            assertEquals(x.path("min").asDouble(), c.min(), e.getKey() + " min");
            assertEquals(x.path("max").asDouble(), c.max(), e.getKey() + " max");
            Histogram h = c.histogram();
            assertTrue(h.exactRange(), e.getKey());
            assertEquals(c.n(), h.total(), e.getKey() + ": histogram counts sum to n");
            assertEquals(0, h.below() + h.above(), e.getKey());
            double[] b = h.breaks();
            assertTrue(b[0] <= c.min() && b[b.length - 1] >= c.max(), e.getKey() + " breaks span the range");
            assertFalse(h.anySuppressed(), e.getKey());
        });
        // On whole-number data the grid lands on the data values: R's quantiles come out exactly.
        assertEquals(166.75, r.column("time").quantile(0.25));
        assertEquals(15.75, r.column("wt.loss").quantile(0.75));
        assertEquals(List.of(), r.notes());
    }

    /** R's hist(x)$counts, computed here from the pooled file with R's rule (right-closed bins, lowest closed). */
    @Test
    void histogramCountsEqualBinningThePooledValues() throws Exception {
        SummaryResult r = summarize(LUNG.siteFiles());
        List<String> lines = java.nio.file.Files.readAllLines(LUNG.pooled());
        List<String> header = List.of(lines.get(0).split(","));
        for (String column : List.of("age", "meal.cal", "wt.loss")) {
            int at = header.indexOf(column);
            Histogram h = r.column(column).histogram();
            double[] b = h.breaks();
            double[] expected = new double[b.length - 1];
            for (String line : lines.subList(1, lines.size())) {
                String v = line.split(",", -1)[at];
                if (v.equals("NA")) {
                    continue;
                }
                double x = Double.parseDouble(v);
                for (int i = 0; i < expected.length; i++) {
                    if ((x > b[i] || (i == 0 && x == b[0])) && x <= b[i + 1]) {
                        expected[i]++;
                        break;
                    }
                }
            }
            assertArrayEquals(expected, h.counts(), column);
        }
        assertArrayEquals(new double[] {35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85}, r.column("age").histogram().breaks(),
                "pretty(range(age), nclass.Sturges(age)), as R's hist() picks them");
    }

    @Test
    void summaryIsTheSameForOneSiteThreeSitesAndAnySiteOrder() {
        SummaryResult federated = summarize(LUNG.siteFiles());
        SummaryResult pooled = summarize(Map.of("pooled", LUNG.pooled()));
        Map<String, Path> reordered = new LinkedHashMap<>();
        List.of("site3", "site1", "site2").forEach(s -> reordered.put(s, LUNG.siteFiles().get(s)));
        SummaryResult shuffled = summarize(reordered);
        for (SummaryResult other : List.of(pooled, shuffled)) {
            for (ColumnSummary p : federated.columns()) {
                ColumnSummary o = other.column(p.name());
                assertEquals(p.n(), o.n(), p.name());
                assertEquals(p.missing(), o.missing(), p.name());
                assertEquals(p.levels(), o.levels(), p.name());
                if (p.numeric()) {
                    assertRelative(p.mean(), o.mean(), p.name() + " mean");
                    assertRelative(p.variance(), o.variance(), p.name() + " variance");
                    assertEquals(p.quantiles(), o.quantiles(), p.name() + " quantiles");
                    assertEquals(p.min(), o.min(), p.name());
                    assertArrayEquals(p.histogram().counts(), o.histogram().counts(), p.name());
                }
            }
        }
        assertEquals(List.of("site3", "site1", "site2"), shuffled.sites());
    }

    @Test
    void twoWayTableEqualsRsTable() {
        JsonNode expected = LUNG.analysis("contingency");
        TableParameters p = TableParameters.twoWay("sex", "ecog_grp").withLevels(LUNG.levels());
        Simulation sim = Simulator.load(LUNG.siteFiles()).run(new TableMethod(), p, null);
        TableResult t = (TableResult) sim.result();
        assertEquals(texts(expected.path("rows")), t.rows());
        assertEquals(texts(expected.path("cols")), t.cols());
        for (int i = 0; i < t.rows().size(); i++) {
            for (int j = 0; j < t.cols().size(); j++) {
                assertEquals(expected.path("counts").get(i).get(j).asDouble(), t.count(i, j), t.rows().get(i) + "/" + t.cols().get(j));
            }
        }
        assertEquals(expected.path("n").asDouble(), t.n());
        JsonNode json = sim.toJson();
        assertEquals("table", json.path("method").asText());
        assertEquals(expected.path("counts").toString(), json.path("table").path("counts").toString());
        assertEquals(2, sim.rounds());
        assertReleases(sim, Set.of("counts", "suppressed"));

        TableResult pooled = (TableResult) Simulator.load(Map.of("pooled", LUNG.pooled()))
                .run(new TableMethod(), p, null).result();
        assertEquals(t.toJson().path("table"), pooled.toJson().path("table"));
    }

    @Test
    void sitesReleaseOnlyDeclaredCountsAndSumsAndJsonHasTheContractShape() {
        Simulation sim = Simulator.load(LUNG.siteFiles()).run(new SummaryMethod(), summary(), null);
        Set<String> expected = new TreeSet<>(Set.of("n", "missing", "sum", "sum_sq_dev", "level_counts:sex",
                "level_counts:ecog_grp", "level_suppressed:sex", "level_suppressed:ecog_grp"));
        for (String c : List.of("time", "status", "age", "ph.karno", "pat.karno", "meal.cal", "wt.loss")) {
            expected.addAll(List.of("count_le:" + c, "histogram:" + c, "histogram_suppressed:" + c));
        }
        assertReleases(sim, expected);
        assertTrue(sim.rounds() <= 10, "schema, moments, deviations, a few quantile rounds, histogram: " + sim.rounds());
        JsonNode json = sim.toJson();
        assertEquals("summary", json.path("method").asText());
        assertEquals(228, json.path("n").asInt());
        JsonNode time = json.path("columns").get(0);
        for (String key : List.of("name", "type", "n", "missing", "mean", "sd", "variance")) {
            assertTrue(time.has(key), key);
        }
        assertEquals(List.of("0.25", "0.5", "0.75"), fieldNames(time.path("quantiles")));
        assertEquals(166.75, time.path("quantiles").path("0.25").asDouble());
        assertTrue(time.path("quantile_precision").asDouble() > 0);
        assertEquals(5, time.path("min").asDouble());
        assertEquals(1022, time.path("max").asDouble());
        assertEquals(time.path("histogram").path("breaks").size(), time.path("histogram").path("counts").size() + 1);
        assertFalse(json.path("columns").get(3).has("quantiles"), "factors have no quantiles");
        JsonNode sex = json.path("columns").get(3);
        assertEquals("factor", sex.path("type").asText());
        assertEquals("male", sex.path("levels").get(0).path("level").asText());
        assertEquals(138, sex.path("levels").get(0).path("count").asInt());
        assertEquals("simulator", json.path("privacy").path("runtime").asText());
        assertTrue(json.path("privacy").path("released").toString().contains("sum_sq_dev"));
        assertTrue(json.path("provenance").path("software").asText().startsWith("medfed "));
        assertEquals(List.of("male", "female"), texts(json.path("options").path("levels").path("sex")));
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /**
     * Every numeric release is a declared SUM aggregate, except each site's extremes (PER_SITE,
     * in the deviations round); labels only in the schema round.
     */
    private static void assertReleases(Simulation sim, Set<String> numeric) {
        for (List<ReleaseRecord> records : sim.releases().values()) {
            Set<String> names = new TreeSet<>();
            for (ReleaseRecord r : records) {
                if (r.aggregation() == Aggregation.UNION) {
                    assertEquals("schema", r.step());
                    continue;
                }
                if (r.name().equals("extremes")) {
                    assertEquals(Aggregation.PER_SITE, r.aggregation());
                    assertEquals("deviations", r.step());
                    continue;
                }
                assertEquals(Aggregation.SUM, r.aggregation(), r.name());
                names.add(r.name());
            }
            assertEquals(new TreeSet<>(numeric), names);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= RELATIVE * Math.abs(expected), what + ": expected " + expected + ", got " + actual);
    }
}
