package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.error.MedfedException;
import org.medfed.methods.describe.ColumnSummary;
import org.medfed.methods.describe.Histogram;
import org.medfed.methods.describe.SummaryMethod;
import org.medfed.methods.describe.SummaryParameters;
import org.medfed.methods.describe.SummaryResult;
import org.medfed.site.ReleasePolicy;

/**
 * Quantiles, extremes and histograms of the lung fixture under real site policies in the
 * simulator: the gate, not the method, withholds single-row values and suppresses small
 * histogram cells; the minimum-cell rule refuses a search that would isolate a site's extreme rows.
 */
class SummaryPolicyTest {
    private static final ReferenceCase LUNG = ReferenceCase.load("summary-stats-lung");
    /** Columns whose missing counts no site's gate refuses (wt.loss has 2 missing at site3). */
    private static final List<String> COLUMNS = List.of("time", "age", "meal.cal");

    private static Map<String, ReleasePolicy> all(ReleasePolicy p) {
        Map<String, ReleasePolicy> m = new LinkedHashMap<>();
        LUNG.siteFiles().keySet().forEach(s -> m.put(s, p));
        return m;
    }

    private static Simulation run(Map<String, ReleasePolicy> policies, SummaryParameters p, String where) {
        return Simulator.load(LUNG.siteFiles()).withPolicies(policies).run(new SummaryMethod(), p, where);
    }

    private static SummaryParameters lung() {
        return new SummaryParameters(COLUMNS, Map.of(), Map.of());
    }

    @Test
    void defaultPoliciesGiveQuantilesButWithholdMinAndMaxWithANote() {
        Simulation sim = run(all(ReleasePolicy.defaults()), lung(), null);
        SummaryResult r = (SummaryResult) sim.result();
        JsonNode expected = LUNG.analysis("numeric_summary").path("columns");
        for (String column : COLUMNS) {
            ColumnSummary c = r.column(column);
            assertFalse(c.hasExtremes(), column);
            assertEquals(expected.path(column).path("median").asDouble(), c.quantile(0.5), c.quantilePrecision(), column);
            assertEquals(expected.path(column).path("q25").asDouble(), c.quantile(0.25), c.quantilePrecision(), column);
        }
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("withheld") && n.contains("site1, site2, site3")), r.notes().toString());
        JsonNode json = sim.toJson();
        JsonNode time = json.path("columns").get(0);
        assertFalse(time.has("min") || time.has("max"), time.toString());
        assertTrue(time.has("quantiles"));
        assertTrue(json.path("notes").toString().contains("allow_extremes"));
        assertTrue(r.toText().contains("withheld by site policy"), r.toText());
        // What left each site: NaN in place of every extreme.
        sim.releases().values().forEach(records -> records.stream().filter(x -> x.name().equals("extremes"))
                .forEach(x -> assertTrue(java.util.Arrays.stream(x.numbers()).allMatch(Double::isNaN))));
    }

    @Test
    void extremesAppearOnlyWhereEverySiteAllowsThem() {
        ReleasePolicy allow = ReleasePolicy.defaults().withAllowExtremes(true);
        SummaryResult allowed = (SummaryResult) run(all(allow), lung(), null).result();
        JsonNode expected = LUNG.analysis("numeric_summary").path("columns");
        for (String column : COLUMNS) {
            assertEquals(expected.path(column).path("min").asDouble(), allowed.column(column).min(), column);
            assertEquals(expected.path(column).path("max").asDouble(), allowed.column(column).max(), column);
            assertTrue(allowed.column(column).histogram().exactRange(), column);
        }
        Map<String, ReleasePolicy> mixed = all(allow);
        mixed.put("site2", ReleasePolicy.defaults());
        SummaryResult partly = (SummaryResult) run(mixed, lung(), null).result();
        for (String column : COLUMNS) {
            assertFalse(partly.column(column).hasExtremes(), "one site's minimum is not the global one: " + column);
        }
        assertTrue(partly.notes().stream().anyMatch(n -> n.endsWith("at site2")), partly.notes().toString());
    }

    @Test
    void smallHistogramCellsAreSuppressedAtTheSiteAndCountedNowhere() throws IOException {
        SummaryResult r = (SummaryResult) run(all(ReleasePolicy.defaults()), lung(), null).result();
        boolean anySuppressed = false;
        for (String column : COLUMNS) {
            ColumnSummary c = r.column(column);
            Histogram h = c.histogram();
            assertFalse(h.exactRange(), column + ": without extremes the breaks span mean ± 3 sd");
            double[] pooled = pooledCells(column, h.breaks());
            double[] counts = h.counts();
            double[] suppressed = h.suppressed();
            for (int i = 0; i < counts.length; i++) {
                if (suppressed[i] == 0) {
                    assertEquals(pooled[i + 1], counts[i], column + " bin " + i);
                } else {
                    anySuppressed = true;
                    assertTrue(counts[i] < pooled[i + 1], column + " bin " + i + ": a suppressed cell leaves out rows");
                }
            }
            assertTrue(h.total() <= c.n(), column);
            if (!h.anySuppressed()) {
                assertEquals(c.n(), h.total(), column);
            }
        }
        assertTrue(anySuppressed, "lung's sites hold some bins with one or two rows");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("suppressed")), r.notes().toString());

        // Under the permissive policy the same breaks count every row.
        SummaryResult open = (SummaryResult) run(all(ReleasePolicy.permissive().withAllowExtremes(false)), lung(), null)
                .result();
        for (String column : COLUMNS) {
            assertEquals(open.column(column).n(), open.column(column).histogram().total(), column);
        }
    }

    @Test
    void aSiteThatRefusesSmallCellsRefusesTheHistogramNotTheQuantiles() {
        ReleasePolicy refuse = ReleasePolicy.defaults().withSmallCells(ReleasePolicy.SmallCells.REFUSE);
        MedfedException e = assertThrows(MedfedException.class, () -> run(all(refuse), lung(), null));
        assertTrue(e.getMessage().contains("small_cells: refuse") && e.getMessage().contains("histogram"), e.getMessage());
        SummaryResult noHistogram = (SummaryResult) run(all(refuse), lung().withHistogram(false), null).result();
        assertEquals(255.5, noHistogram.column("time").quantile(0.5));
    }

    @Test
    void theMinimumCellRuleRefusesASearchThatIsolatesASitesExtremeRows() {
        // p = 0 is the minimum: narrowing onto it leaves one row in a site's lowest cell.
        MedfedException e = assertThrows(MedfedException.class,
                () -> run(all(ReleasePolicy.defaults()), lung().withProbs(List.of(0.0)), null));
        assertTrue(e.getMessage().contains("min_cell_count") && e.getMessage().contains("quantiles"), e.getMessage());
        // The simulator's permissive policy finds it (and says it exactly: R's min).
        SummaryResult open = (SummaryResult) run(Map.of(), lung().withProbs(List.of(0.0, 1.0)), null).result();
        assertEquals(5, open.column("time").quantile(0.0));
        assertEquals(1022, open.column("time").quantile(1.0));
    }

    @Test
    void whereFiltersEveryRoundAndTheResultMatchesThePooledRowsOfTheSubset() {
        String where = "age >= 50 & sex == 'male'";
        SummaryParameters p = SummaryParameters.of("time", "age");
        SummaryResult federated = (SummaryResult) run(all(ReleasePolicy.defaults().withAllowExtremes(true)), p, where)
                .result();
        SummaryResult pooled = (SummaryResult) Simulator.load(Map.of("pooled", LUNG.pooled()))
                .run(new SummaryMethod(), p, where).result();
        assertTrue(federated.column("age").n() < 228);
        for (String column : List.of("time", "age")) {
            ColumnSummary f = federated.column(column);
            ColumnSummary o = pooled.column(column);
            assertEquals(o.n(), f.n(), column);
            assertEquals(o.quantiles(), f.quantiles(), column);
            assertEquals(o.min(), f.min(), column);
            assertEquals(o.max(), f.max(), column);
        }
        assertTrue(federated.column("age").min() >= 50);
    }

    /** Rows of the pooled file below, in and above the bins of {@code breaks}, by R's rule. */
    private static double[] pooledCells(String column, double[] breaks) throws IOException {
        List<String> lines = Files.readAllLines(LUNG.pooled());
        int at = List.of(lines.get(0).split(",")).indexOf(column);
        double[] cells = new double[breaks.length + 1];
        for (String line : lines.subList(1, lines.size())) {
            String v = line.split(",", -1)[at];
            if (v.equals("NA")) {
                continue;
            }
            double x = Double.parseDouble(v);
            int cell = breaks.length;
            if (x < breaks[0]) {
                cell = 0;
            } else {
                for (int i = 1; i < breaks.length; i++) {
                    if (x <= breaks[i]) {
                        cell = i;
                        break;
                    }
                }
            }
            cells[cell]++;
        }
        return cells;
    }
}
