package org.medfed.simulator;

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
        assertReleases(sim, Set.of("counts"));

        TableResult pooled = (TableResult) Simulator.load(Map.of("pooled", LUNG.pooled()))
                .run(new TableMethod(), p, null).result();
        assertEquals(t.toJson().path("table"), pooled.toJson().path("table"));
    }

    @Test
    void sitesReleaseOnlyDeclaredCountsAndSumsAndJsonHasTheContractShape() {
        Simulation sim = Simulator.load(LUNG.siteFiles()).run(new SummaryMethod(), summary(), null);
        assertEquals(3, sim.rounds());
        assertReleases(sim, Set.of("n", "missing", "sum", "sum_sq_dev", "level_counts:sex", "level_counts:ecog_grp"));
        JsonNode json = sim.toJson();
        assertEquals("summary", json.path("method").asText());
        assertEquals(228, json.path("n").asInt());
        JsonNode time = json.path("columns").get(0);
        for (String key : List.of("name", "type", "n", "missing", "mean", "sd", "variance")) {
            assertTrue(time.has(key), key);
        }
        assertFalse(time.has("quantiles"), "quantiles are not computed yet");
        JsonNode sex = json.path("columns").get(3);
        assertEquals("factor", sex.path("type").asText());
        assertEquals("male", sex.path("levels").get(0).path("level").asText());
        assertEquals(138, sex.path("levels").get(0).path("count").asInt());
        assertEquals("simulator", json.path("privacy").path("runtime").asText());
        assertTrue(json.path("privacy").path("released").toString().contains("sum_sq_dev"));
        assertTrue(json.path("provenance").path("software").asText().startsWith("medfed "));
        assertEquals(List.of("male", "female"), texts(json.path("options").path("levels").path("sex")));
    }

    /** Every numeric release is a declared SUM aggregate; labels only in the schema round. */
    private static void assertReleases(Simulation sim, Set<String> numeric) {
        for (List<ReleaseRecord> records : sim.releases().values()) {
            Set<String> names = new TreeSet<>();
            for (ReleaseRecord r : records) {
                if (r.aggregation() == Aggregation.UNION) {
                    assertEquals("schema", r.step());
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
