package org.medfed.methods.describe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.method.Disclosure;
import org.medfed.method.Sensitivity;

/** What a correlation's site half releases and declares, and that the hub's answer is the pooled one. */
class CentredMomentsSiteTest {
    private static final double NA = Double.NaN;

    private static Map<String, Table> sites() {
        Map<String, Table> t = new LinkedHashMap<>();
        t.put("s1", Tables.site("s1").numbers("x", 1, 2, 3, NA, 5, 6).numbers("y", 2.5, 1, 7, 4, NA, 3)
                .numbers("z", 10, 12, 9, 11, 8, 15).table());
        t.put("s2", Tables.site("s2").numbers("x", 4, 8, 1, 9).numbers("y", 3, 6, 2, 8).numbers("z", 7, 7, 13, 5).table());
        return t;
    }

    /** The rows complete in x, y and z, pooled, in site order. */
    private static final double[][] POOLED = {
        {1, 2, 3, 6, 4, 8, 1, 9}, {2.5, 1, 7, 3, 3, 6, 2, 8}, {10, 12, 9, 15, 7, 7, 13, 5}};

    /** Pearson's r by the textbook two-pass formula, independently of the method's code. */
    private static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void theMatrixIsThePooledCompleteCaseCorrelation() {
        Halves h = Halves.run(new CorrelationMethod(), CorrelationParameters.of("x", "y", "z"), sites(), Map.of());
        CorrelationResult r = (CorrelationResult) h.result();
        assertEquals(8, r.n());
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, r.matrix()[i][i]);
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    assertEquals(pearson(POOLED[i], POOLED[j]), r.matrix()[i][j], 1e-14, i + "," + j);
                }
            }
        }
        CorrelationResult.Pair xy = r.pairs().get(0);
        assertEquals(6, xy.df());
        double est = pearson(POOLED[0], POOLED[1]);
        assertEquals(Math.sqrt(6) * est / Math.sqrt(1 - est * est), xy.statistic(), 1e-13);
        assertEquals(Math.tanh(0.5 * Math.log((1 + est) / (1 - est)) - 1.959963984540054 / Math.sqrt(5)), xy.confLow(), 1e-12);
    }

    @Test
    void sitesDeclareCompleteRowsTheirCountAndNoSensitivityWithoutBounds() {
        Halves h = Halves.run(new CorrelationMethod(), CorrelationParameters.of("x", "y", "z"), sites(), Map.of());
        Disclosure d = h.of("s1", CentredMoments.MOMENTS).disclosure();
        assertEquals(4, d.rows(), "rows 4 and 5 miss x or y");
        assertFalse(d.rowsUsed().get(3) || d.rowsUsed().get(4));
        assertEquals(4, d.smallestCell().getAsInt(), "the released row count is a count");
        assertEquals(Sensitivity.counts(), d.sensitivities().get(CentredMoments.N));
        assertFalse(d.sensitivities().containsKey(CentredMoments.SUM), "unbounded sums cannot take DP noise");
        Disclosure cross = h.of("s1", CentredMoments.CROSS).disclosure();
        assertEquals(4, cross.rows());
        assertEquals(d.rowsUsed(), cross.rowsUsed());
        assertTrue(cross.sensitivities().isEmpty());
        assertEquals(6, h.requests().get(2).release(CentredMoments.CROSS_PRODUCTS).length(), "upper triangle of 3 x 3");
    }

    @Test
    void boundsClipTheValuesAndDeclareElementBounds() {
        CorrelationParameters p = CorrelationParameters.of("x", "y").withBounds("x", 0, 5).withBounds("y", -10, 10);
        Halves h = Halves.run(new CorrelationMethod(), p, sites(), Map.of());
        Sensitivity sum = h.of("s2", CentredMoments.MOMENTS).disclosure().sensitivities().get(CentredMoments.SUM);
        assertArrayEquals(new double[] {5, 10}, sum.elementBounds());
        double[] mean = h.requests().get(2).parameters().number(CentredMoments.MEAN);
        double[] clippedX = {1, 2, 3, 5, 4, 5, 1, 5};
        double mx = 0;
        for (double v : clippedX) {
            mx += v / clippedX.length;
        }
        assertEquals(mx, mean[0], 1e-14, "x clipped to [0, 5] before summing");
        Sensitivity cross = h.of("s2", CentredMoments.CROSS).disclosure().sensitivities().get(CentredMoments.CROSS_PRODUCTS);
        double rx = Math.max(mean[0], 5 - mean[0]);
        double ry = Math.max(mean[1] + 10, 10 - mean[1]);
        assertArrayEquals(new double[] {rx * rx, rx * ry, ry * ry}, cross.elementBounds(), 1e-12);
    }

    @Test
    void badInputGetsAClearMessage() {
        assertEquals("correlation: name at least two numeric columns (--columns a,b)",
                assertThrows(UsageException.class, () -> CorrelationParameters.of("x")).getMessage());
        assertThrows(UsageException.class, () -> CorrelationParameters.of("x", "x"));
        assertThrows(UsageException.class, () -> CorrelationParameters.of("x", "y").withBounds("z", 0, 1));
        assertThrows(UsageException.class, () -> CorrelationParameters.of("x", "y").withBounds("x", 2, 1));
        Map<String, Table> inf = Map.of("s1", Tables.site("s1").numbers("x", 1, Double.POSITIVE_INFINITY, 3, 4)
                .numbers("y", 1, 2, 3, 5).table());
        DataException e = assertThrows(DataException.class,
                () -> Halves.run(new CorrelationMethod(), CorrelationParameters.of("x", "y"), inf, Map.of()));
        assertTrue(e.getMessage().contains("s1") && e.getMessage().contains("x") && e.getMessage().contains("Inf"), e.getMessage());
        Map<String, Table> two = Map.of("s1", Tables.site("s1").numbers("x", 1, 2, NA).numbers("y", 1, 3, 4).table());
        MedfedException few = assertThrows(MedfedException.class,
                () -> Halves.run(new CorrelationMethod(), CorrelationParameters.of("x", "y"), two, Map.of()));
        assertEquals("correlation: 2 rows complete in every column over all sites; a correlation and its test need at least 3",
                few.getMessage());
    }

    @Test
    void theFilterKeepsRowsOutAndParametersRoundTripThroughJson() throws Exception {
        boolean[] keep = {true, true, true, true, true, false};
        Halves h = Halves.run(new CorrelationMethod(), CorrelationParameters.of("x", "z"), sites(), Map.of("s1", keep));
        assertEquals(4, h.of("s1", CentredMoments.MOMENTS).disclosure().rows(), "row 4 misses x, row 6 is filtered out");
        assertEquals(8, ((CorrelationResult) h.result()).n());
        CorrelationParameters p = new CorrelationParameters(List.of("a", "b"), Map.of("a", new double[] {0, 1}), 0.9);
        ObjectMapper json = new ObjectMapper();
        CorrelationParameters back = json.readValue(json.writeValueAsString(p), CorrelationParameters.class);
        assertEquals(p.columns(), back.columns());
        assertArrayEquals(p.bounds().get("a"), back.bounds().get("a"));
        assertEquals(0.9, back.confLevel());
    }
}
