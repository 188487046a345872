package org.medfed.methods.describe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.error.UsageException;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Sensitivity;
import org.medfed.methods.frame.FrameRound;

/** What a summary's site half releases and declares to its gate, read directly off the contributions. */
class SummarySiteTest {
    private static final double NA = Double.NaN;

    /** Eight rows: x with one missing value, y complete, g a factor with one missing value and a level held once. */
    private static Table site() {
        return Tables.site("s1")
                .numbers("x", 1, 2, NA, 4, 5, 6, 7, 8)
                .numbers("y", 10, 20, 30, 40, 50, 60, 70, 80)
                .text("g", "a", "a", "b", "a", null, "a", "c", "c")
                .table();
    }

    private static Halves summary(SummaryParameters p) {
        return Halves.run(new SummaryMethod(), p, site());
    }

    @Test
    void countsAndSumsAreReleasedPerColumn() {
        Halves h = summary(SummaryParameters.of("x", "g", "y"));
        Contribution m = h.of("s1", SummarySteps.MOMENTS);
        assertArrayEquals(new double[] {7, 7, 8}, m.values().number("n"));
        assertArrayEquals(new double[] {1, 1, 0}, m.values().number("missing"));
        assertArrayEquals(new double[] {33, 360}, m.values().number("sum"), "numeric columns only, in order");
        assertArrayEquals(new double[] {4, 1, 2}, m.values().number("level_counts:g"), "levels a, b, c");
        Contribution d = h.of("s1", SummarySteps.DEVIATIONS);
        double mx = 33.0 / 7;
        double ssx = 0;
        for (double v : new double[] {1, 2, 4, 5, 6, 7, 8}) {
            ssx += (v - mx) * (v - mx);
        }
        assertEquals(ssx, d.values().number("sum_sq_dev")[0], 1e-12);
        assertEquals(4200, d.values().number("sum_sq_dev")[1], 1e-9);
        SummaryResult r = (SummaryResult) h.result();
        assertEquals(ssx / 6, r.column("x").variance(), 1e-12);
        assertEquals(Math.sqrt(600), r.column("y").sd(), 1e-12);
        assertEquals(45, r.column("y").mean());
        assertEquals(4, r.column("g").count("a"));
        assertEquals(8, r.rows());
    }

    @Test
    void varianceIsExactWhenTheMeanIsLargeAgainstTheSpread() {
        // Σx² − n·mean² would lose every digit here (x² ≈ 1e18 against a spread of 1).
        double[] x = new double[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e9 + i + 1;
        }
        Table a = Tables.site("a").numbers("x", java.util.Arrays.copyOfRange(x, 0, 4)).table();
        Table b = Tables.site("b").numbers("x", java.util.Arrays.copyOfRange(x, 4, 10)).table();
        Map<String, Table> sites = new java.util.LinkedHashMap<>();
        sites.put("a", a);
        sites.put("b", b);
        SummaryResult r = (SummaryResult) Halves.run(new SummaryMethod(), SummaryParameters.of("x"), sites, Map.of()).result();
        assertEquals(1e9 + 5.5, r.column("x").mean());
        assertEquals(82.5 / 9, r.column("x").variance());
    }

    @Test
    void disclosureStatesRowsSmallestCountAndRowsUsed() {
        Halves h = summary(SummaryParameters.of("x", "y", "g"));
        for (String step : List.of(FrameRound.STEP, SummarySteps.MOMENTS, SummarySteps.DEVIATIONS)) {
            Disclosure d = h.of("s1", step).disclosure();
            assertEquals(8, d.rows(), step);
            assertEquals(8, d.rowsUsed().cardinality(), step);
            assertEquals(0, d.parameters(), step);
            assertEquals(Map.of("g", 3), d.factorLevels(), step);
        }
        // The smallest non-zero count released: the one missing x, the one missing g, level b.
        assertEquals(1, h.of("s1", SummarySteps.MOMENTS).disclosure().smallestCell().getAsInt());
        assertTrue(h.of("s1", SummarySteps.DEVIATIONS).disclosure().smallestCell().isEmpty(), "no counts released");

        // Only complete counts of 3 or more: y alone, 8 rows, no missing → smallest count 8.
        Disclosure y = summary(SummaryParameters.of("y")).of("s1", SummarySteps.MOMENTS).disclosure();
        assertEquals(8, y.smallestCell().getAsInt());
    }

    @Test
    void rowFilterDeclaresTheKeptRows() {
        boolean[] keep = {true, true, true, false, false, true, true, true};
        Halves h = Halves.run(new SummaryMethod(), SummaryParameters.of("x", "g"), Map.of("s1", site()), Map.of("s1", keep));
        Disclosure d = h.of("s1", SummarySteps.MOMENTS).disclosure();
        assertEquals(6, d.rows());
        assertEquals(Disclosure.rowsOf(keep, 8), d.rowsUsed());
        assertArrayEquals(new double[] {5, 6}, h.of("s1", SummarySteps.MOMENTS).values().number("n"));
    }

    @Test
    void withoutBoundsOnlyCountsHaveSensitivities() {
        Halves h = summary(SummaryParameters.of("x", "y", "g"));
        Map<String, Sensitivity> s = h.of("s1", SummarySteps.MOMENTS).disclosure().sensitivities();
        // A row changes each of the 3 columns' n (or missing) by one.
        assertEquals(new Sensitivity(3, Math.sqrt(3), false), s.get("n"));
        assertEquals(new Sensitivity(3, Math.sqrt(3), false), s.get("missing"));
        assertEquals(Sensitivity.counts(), s.get("level_counts:g"));
        assertFalse(s.containsKey("sum"), "unbounded values: no sensitivity");
        assertTrue(h.of("s1", SummarySteps.DEVIATIONS).disclosure().sensitivities().isEmpty());
        assertTrue(h.of("s1", FrameRound.STEP).disclosure().sensitivities().isEmpty());
    }

    @Test
    void boundsGiveSumAndDeviationSensitivitiesOverColumns() {
        SummaryParameters p = SummaryParameters.of("x", "y").withBounds("x", -2, 10).withBounds("y", 0, 50);
        Halves h = summary(p);
        Sensitivity sum = h.of("s1", SummarySteps.MOMENTS).disclosure().sensitivities().get("sum");
        // Per column max(|lo|, |hi|): 10 and 50; L1 adds them, L2 is their Euclidean norm.
        assertEquals(60, sum.l1(), 1e-12);
        assertEquals(Math.sqrt(100 + 2500), sum.l2(), 1e-12);
        assertArrayEquals(new double[] {10, 50}, sum.elementBounds());
        assertFalse(sum.modelParameters());

        double[] mean = h.requests().get(2).parameters().number(SummarySteps.MEAN);
        double dx = Math.max(Math.pow(-2 - mean[0], 2), Math.pow(10 - mean[0], 2));
        double dy = Math.max(Math.pow(0 - mean[1], 2), Math.pow(50 - mean[1], 2));
        Sensitivity ss = h.of("s1", SummarySteps.DEVIATIONS).disclosure().sensitivities().get("sum_sq_dev");
        assertEquals(dx + dy, ss.l1(), 1e-9);
        assertEquals(Math.sqrt(dx * dx + dy * dy), ss.l2(), 1e-9);
        assertArrayEquals(new double[] {dx, dy}, ss.elementBounds(), 1e-9);
    }

    @Test
    void boundsOnSomeNumericColumnsOnlyDeclareNoSumSensitivity() {
        Halves h = summary(SummaryParameters.of("x", "y").withBounds("x", 0, 10));
        assertFalse(h.of("s1", SummarySteps.MOMENTS).disclosure().sensitivities().containsKey("sum"));
        assertFalse(h.of("s1", SummarySteps.DEVIATIONS).disclosure().sensitivities().containsKey("sum_sq_dev"));
    }

    @Test
    void valuesAreClippedBeforeSumming() {
        Halves h = summary(SummaryParameters.of("y").withBounds("y", 15, 45));
        // y = 10..80 clipped to [15, 45]: 15, 20, 30, 40, 45, 45, 45, 45.
        double[] clipped = {15, 20, 30, 40, 45, 45, 45, 45};
        double sum = 0;
        for (double v : clipped) {
            sum += v;
        }
        assertEquals(sum, h.of("s1", SummarySteps.MOMENTS).values().number("sum")[0]);
        double mean = sum / 8;
        double ss = 0;
        for (double v : clipped) {
            ss += (v - mean) * (v - mean);
        }
        SummaryResult r = (SummaryResult) h.result();
        assertEquals(mean, r.column("y").mean(), 1e-12);
        assertEquals(ss / 7, r.column("y").variance(), 1e-12);
        assertTrue(r.toText().contains("Values clipped before summing: y to [15, 45]"), r.toText());
        assertEquals("[15.0,45.0]", r.toJson().path("options").path("bounds").path("y").toString());
    }

    @Test
    void infiniteValuesNeedBounds() {
        Table t = Tables.site("s1").numbers("x", 1, Double.POSITIVE_INFINITY, 3).table();
        DataException e = assertThrows(DataException.class, () -> Halves.run(new SummaryMethod(), SummaryParameters.of("x"), t));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        SummaryResult r = (SummaryResult) Halves.run(new SummaryMethod(),
                SummaryParameters.of("x").withBounds("x", 0, 5), t).result();
        assertEquals(3, r.column("x").mean(), 1e-12);
    }

    @Test
    void parametersAreCheckedAndRoundTripThroughJson() throws Exception {
        assertThrows(UsageException.class, () -> SummaryParameters.of());
        assertThrows(UsageException.class, () -> SummaryParameters.of("x", "x"));
        assertThrows(UsageException.class, () -> SummaryParameters.of("x").withBounds("y", 0, 1));
        assertThrows(UsageException.class, () -> SummaryParameters.of("x").withBounds("x", 2, 1));
        assertThrows(UsageException.class, () -> SummaryParameters.of("x").withLevels(Map.of("z", List.of("a"))));
        UsageException factor = assertThrows(UsageException.class,
                () -> summary(SummaryParameters.of("x", "g").withBounds("g", 0, 1)));
        assertTrue(factor.getMessage().contains("--bounds g"), factor.getMessage());

        SummaryParameters p = SummaryParameters.of("x", "g").withBounds("x", 0, 10).withLevels(Map.of("g", List.of("c", "b", "a")));
        ObjectMapper json = new ObjectMapper();
        SummaryParameters back = json.readValue(json.writeValueAsString(p), SummaryParameters.class);
        assertEquals(p.columns(), back.columns());
        assertArrayEquals(p.bounds().get("x"), back.bounds().get("x"));
        assertEquals(p.levels(), back.levels());
        SummaryResult r = (SummaryResult) summary(back).result();
        assertEquals(List.of("c", "b", "a"), r.column("g").levels().stream().map(LevelCount::level).toList());
    }
}
