package org.medfed.methods.describe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.data.Table;
import org.medfed.error.UsageException;
import org.medfed.method.Contribution;

/**
 * The federated quantile search against R's type 7 computed here on the pooled values, on varied
 * seeded data split unevenly over three sites: never below the exact value, at most the stated
 * precision above it.
 */
class QuantileSearchTest {
    private static final List<Double> PROBS = List.of(0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0);

    /** R's quantile(x, p, type = 7), as R computes it. */
    static double typeSeven(double[] x, double p) {
        double[] s = x.clone();
        Arrays.sort(s);
        double index = 1 + (s.length - 1) * p;
        int lo = (int) Math.floor(index);
        int hi = (int) Math.ceil(index);
        double q = s[lo - 1];
        double h = index - lo;
        return index > lo && s[hi - 1] != q ? (1 - h) * q + h * s[hi - 1] : q;
    }

    private static double[] data(String kind, int n, Random r) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (kind) {
                case "normal" -> 50 + 10 * r.nextGaussian();
                case "exponential" -> -Math.log(1 - r.nextDouble()) * 300;
                case "counts" -> Math.floor(-Math.log(1 - r.nextDouble()) * 3);
                case "offset" -> 1e9 + r.nextGaussian();
                case "binary" -> r.nextDouble() < 0.3 ? 1 : 0;
                default -> throw new IllegalArgumentException(kind);
            };
        }
        return x;
    }

    private static Map<String, Table> split(double[] x) {
        int a = x.length / 2;
        int b = a + x.length / 3;
        Map<String, Table> sites = new LinkedHashMap<>();
        sites.put("s1", Tables.site("s1").numbers("x", Arrays.copyOfRange(x, 0, a)).table());
        sites.put("s2", Tables.site("s2").numbers("x", Arrays.copyOfRange(x, a, b)).table());
        sites.put("s3", Tables.site("s3").numbers("x", Arrays.copyOfRange(x, b, x.length)).table());
        return sites;
    }

    @ParameterizedTest
    @CsvSource({"normal,500,1", "normal,37,2", "exponential,400,3", "counts,300,4", "offset,200,5", "binary,150,6",
            "exponential,2000,7"})
    void quantilesAreWithinTheStatedPrecisionOfRsTypeSeven(String kind, int n, long seed) {
        double[] x = data(kind, n, new Random(seed));
        Halves h = Halves.run(new SummaryMethod(), SummaryParameters.of("x").withProbs(PROBS), split(x), Map.of());
        ColumnSummary c = ((SummaryResult) h.result()).column("x");
        double precision = c.quantilePrecision();
        assertTrue(precision > 0 && precision <= 1e-3 * c.sd(), kind + ": precision " + precision + " for sd " + c.sd());
        for (double p : PROBS) {
            double exact = typeSeven(x, p);
            double got = c.quantile(p);
            double slack = 1e-12 * Math.abs(exact);
            assertTrue(got >= exact - slack && got <= exact + precision + slack,
                    kind + " p=" + p + ": exact " + exact + ", federated " + got + ", precision " + precision);
        }
        // Whole-number data lies on the grid: the quantiles come out exactly.
        if (kind.equals("counts") || kind.equals("binary")) {
            for (double p : PROBS) {
                assertEquals(typeSeven(x, p), c.quantile(p), kind + " p=" + p);
            }
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[0], c.min());
        assertEquals(sorted[n - 1], c.max());
        assertEquals(n, c.histogram().total(), "with the exact range every value is in a bin");
    }

    @Test
    void aCoarserPrecisionTakesFewerRoundsAndStaysWithinItsBound() {
        double[] x = data("exponential", 1000, new Random(11));
        SummaryParameters fine = SummaryParameters.of("x").withQuantilePrecision(1e-6).withHistogram(false);
        SummaryParameters coarse = SummaryParameters.of("x").withQuantilePrecision(0.05).withHistogram(false);
        Halves f = Halves.run(new SummaryMethod(), fine, split(x), Map.of());
        Halves c = Halves.run(new SummaryMethod(), coarse, split(x), Map.of());
        assertTrue(c.requests().size() < f.requests().size(), c.requests().size() + " vs " + f.requests().size());
        ColumnSummary cc = ((SummaryResult) c.result()).column("x");
        assertTrue(cc.quantilePrecision() <= 0.05 * cc.sd());
        for (double p : SummaryParameters.DEFAULT_PROBS) {
            assertTrue(cc.quantile(p) - typeSeven(x, p) <= cc.quantilePrecision() && cc.quantile(p) >= typeSeven(x, p) - 1e-9);
        }
    }

    @Test
    void farFromZeroTheGridCoarsensAndSaysSo() {
        Random r = new Random(13);
        double[] x = new double[120];
        for (int i = 0; i < x.length; i++) {
            x[i] = 3e17 + 1e3 * r.nextGaussian();
        }
        ColumnSummary c = ((SummaryResult) Halves.run(new SummaryMethod(), SummaryParameters.of("x"), split(x), Map.of())
                .result()).column("x");
        assertTrue(c.quantilePrecision() > 1e-3 * c.sd(), "exact grid indices need a coarser step here");
        for (double p : SummaryParameters.DEFAULT_PROBS) {
            double exact = typeSeven(x, p);
            assertTrue(c.quantile(p) >= exact - Math.ulp(exact) && c.quantile(p) <= exact + c.quantilePrecision() + Math.ulp(exact),
                    "p=" + p + ": exact " + exact + ", federated " + c.quantile(p));
        }
    }

    @Test
    void constantAndSingleValueColumnsNeedNoSearch() {
        Map<String, Table> sites = new LinkedHashMap<>();
        sites.put("a", Tables.site("a").numbers("x", 4, 4, 4).numbers("y", Double.NaN, 7.5, Double.NaN).table());
        sites.put("b", Tables.site("b").numbers("x", 4, 4).numbers("y", Double.NaN, Double.NaN).table());
        Halves h = Halves.run(new SummaryMethod(), SummaryParameters.of("x", "y"), sites, Map.of());
        SummaryResult r = (SummaryResult) h.result();
        assertEquals(4, r.column("x").quantile(0.25));
        assertEquals(0, r.column("x").quantilePrecision());
        assertEquals(7.5, r.column("y").quantile(0.5));
        assertTrue(h.requests().stream().noneMatch(q -> q.step().equals(SummarySteps.QUANTILES)));
    }

    @Test
    void noQuantilesWhenNoneAreAsked() {
        Halves h = Halves.run(new SummaryMethod(), SummaryParameters.of("x").withProbs(List.of()),
                split(data("normal", 100, new Random(3))), Map.of());
        assertTrue(((SummaryResult) h.result()).column("x").quantiles().isEmpty());
        assertTrue(h.requests().stream().noneMatch(q -> q.step().equals(SummarySteps.QUANTILES)));
        assertTrue(((SummaryResult) h.result()).toJson().path("columns").get(0).path("quantiles").isMissingNode());
    }

    @Test
    void eachSiteDeclaresItsOutermostCellsAsItsSmallestReleasedCount() {
        double[] x = data("normal", 300, new Random(5));
        Map<String, Table> sites = split(x);
        Halves h = Halves.run(new SummaryMethod(), SummaryParameters.of("x"), sites, Map.of());
        for (String site : sites.keySet()) {
            double[] mine = ((org.medfed.data.NumericColumn) sites.get(site).column("x")).values().clone();
            Arrays.sort(mine);
            TreeSet<Double> released = new TreeSet<>();
            for (int r = 0; r < h.requests().size(); r++) {
                if (!h.requests().get(r).step().equals(SummarySteps.QUANTILES)) {
                    continue;
                }
                for (double t : h.requests().get(r).parameters().number(SummarySteps.THRESHOLDS + "x")) {
                    released.add(t);
                }
                Contribution c = h.contributions().get(site).get(r);
                double[] cells = SummarySite.outermostCells(mine, released);
                assertEquals((int) Math.min(cells[0], cells[1]), c.disclosure().smallestCell().getAsInt(), site + " round " + r);
                double[] counts = c.values().number(SummarySteps.COUNT_AT_MOST + "x");
                double[] t = h.requests().get(r).parameters().number(SummarySteps.THRESHOLDS + "x");
                for (int i = 0; i < t.length; i++) {
                    final double ti = t[i];
                    assertEquals(Arrays.stream(mine).filter(v -> v <= ti).count(), (long) counts[i]);
                }
            }
        }
    }

    @Test
    void outermostCellsAreTheLowestAndHighestNonEmptyCells() {
        double[] v = {1, 2, 3, 10, 11, 20};
        assertArrayEquals(new double[] {3, 1}, SummarySite.outermostCells(v, new TreeSet<>(List.of(0.5, 5.0, 15.0))));
        assertArrayEquals(new double[] {6, 6}, SummarySite.outermostCells(v, new TreeSet<>(List.of(25.0))));
        assertArrayEquals(new double[] {1, 2}, SummarySite.outermostCells(v, new TreeSet<>(List.of(1.0, 10.0))));
    }

    @Test
    void extremesAreDeclaredSingleRowValuesAndHistogramCellsSuppressible() {
        Halves h = Halves.run(new SummaryMethod(), SummaryParameters.of("x"), split(data("normal", 90, new Random(8))), Map.of());
        Contribution d = h.of("s2", SummarySteps.DEVIATIONS);
        assertEquals(java.util.Set.of(SummarySteps.EXTREMES), d.disclosure().singleRowValues());
        Contribution hist = h.of("s2", SummarySteps.HISTOGRAM);
        assertEquals(Map.of("histogram:x", "histogram_suppressed:x"), hist.disclosure().cells());
        assertTrue(hist.disclosure().smallestCell().isEmpty(), "the gate judges suppressible cells itself");
        assertTrue(Arrays.stream(hist.values().number("histogram_suppressed:x")).allMatch(f -> f == 0));
    }

    @Test
    void probabilitiesAndPrecisionAreValidated() {
        assertThrows(UsageException.class, () -> SummaryParameters.of("x").withProbs(List.of(1.5)));
        assertThrows(UsageException.class, () -> SummaryParameters.of("x").withProbs(List.of(0.5, 0.5)));
        assertThrows(UsageException.class, () -> SummaryParameters.of("x").withQuantilePrecision(0));
        assertThrows(UsageException.class, () -> SummaryParameters.of("x").withQuantilePrecision(2));
    }

    @Test
    void theSearchGridIsTheLargestOneTwoOrFiveStepNotAboveTheResolution() {
        assertEquals(0.005, SearchGrid.atMost(0.00907).stepValue());
        assertEquals(0.2, SearchGrid.atMost(0.21).stepValue());
        assertEquals(0.2, SearchGrid.atMost(0.402).stepValue());
        assertEquals(1, SearchGrid.atMost(1).stepValue());
        assertEquals(5, SearchGrid.atMost(9.99).stepValue());
        assertEquals(10, SearchGrid.atMost(10).stepValue());
        SearchGrid g = SearchGrid.atMost(0.21);
        assertEquals(167.0, g.value(835), "thresholds are exact decimals, then rounded once");
        assertEquals(834, g.floor(166.9));
        assertEquals(835, g.ceiling(166.9));
    }
}
