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
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.method.Disclosure;
import org.medfed.method.Sensitivity;

/** What a t-test's site half releases and declares, and the hub's refusals. */
class TTestSiteTest {
    private static final double NA = Double.NaN;

    private static Map<String, Table> sites() {
        Map<String, Table> t = new LinkedHashMap<>();
        t.put("s1", Tables.site("s1").numbers("x", 5, 7, 6, NA, 9, 4).text("g", "a", "b", "a", "b", null, "b").table());
        t.put("s2", Tables.site("s2").numbers("x", 8, 3, 10, 6).text("g", "b", "a", "b", "a").table());
        return t;
    }

    @Test
    void welchFromGroupCountsSumsAndSquaredDeviations() {
        Halves h = Halves.run(new TTestMethod(), TTestParameters.welch("x", "g"), sites(), Map.of());
        TTestResult r = (TTestResult) h.result();
        assertEquals(List.of("a", "b"), r.levels());
        // a: 5, 6, 3, 6; b: 7, 4, 8, 10 (textbook Welch by hand below).
        double[] a = {5, 6, 3, 6};
        double[] b = {7, 4, 8, 10};
        double ma = 5;
        double mb = 7.25;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < 4; i++) {
            va += (a[i] - ma) * (a[i] - ma) / 3;
            vb += (b[i] - mb) * (b[i] - mb) / 3;
        }
        double se = Math.sqrt(va / 4 + vb / 4);
        assertArrayEquals(new double[] {ma, mb}, r.mean(), 1e-15);
        assertEquals((ma - mb) / se, r.statistic(), 1e-13);
        double df = Math.pow(va / 4 + vb / 4, 2) / (Math.pow(va / 4, 2) / 3 + Math.pow(vb / 4, 2) / 3);
        assertEquals(df, r.df(), 1e-12);
        assertEquals("Welch Two Sample t-test", r.testName());

        Disclosure d = h.of("s1", TTestSteps.MOMENTS).disclosure();
        assertEquals(4, d.rows(), "row 4 misses x, row 5 misses g");
        assertFalse(d.rowsUsed().get(3) || d.rowsUsed().get(4));
        assertEquals(2, d.smallestCell().getAsInt(), "group sizes 2 and 2 at s1");
        assertEquals(new Sensitivity(1, 1, false, new double[] {1, 1}), d.sensitivities().get(TTestSteps.N),
                "one row is counted in one group");
        assertFalse(d.sensitivities().containsKey(TTestSteps.SUM), "unbounded sums cannot take DP noise");
        assertEquals(Map.of("factor(g)", 2), d.factorLevels());
    }

    @Test
    void pooledVarianceAndClippingBounds() {
        TTestParameters p = TTestParameters.pooled("x", "g").withBounds(0, 8).withLevels(List.of("b", "a"));
        Halves h = Halves.run(new TTestMethod(), p, sites(), Map.of());
        TTestResult r = (TTestResult) h.result();
        assertEquals(List.of("b", "a"), r.levels());
        assertArrayEquals(new double[] {(7 + 4 + 8 + 8) / 4.0, 5}, r.mean(), 1e-15, "10 clipped to 8");
        assertEquals(6, r.df());
        assertEquals("Two Sample t-test", r.testName());
        assertEquals(new Sensitivity(8, 8, false, new double[] {8, 8}),
                h.of("s1", TTestSteps.MOMENTS).disclosure().sensitivities().get(TTestSteps.SUM));
        double[] mean = r.mean();
        double bound = Math.max(Math.max(mean[0] * mean[0], (8 - mean[0]) * (8 - mean[0])),
                Math.max(mean[1] * mean[1], (8 - mean[1]) * (8 - mean[1])));
        assertEquals(new Sensitivity(bound, bound, false, new double[] {bound, bound}),
                h.of("s2", TTestSteps.DEVIATIONS).disclosure().sensitivities().get(TTestSteps.SUM_SQ_DEV));
        assertTrue(r.toText().contains("Values clipped before summing: x to [0, 8]"), r.toText());
    }

    @Test
    void aGroupWithThreeLevelsTooFewRowsOrConstantDataIsRefusedClearly() {
        Map<String, Table> three = Map.of("s1", Tables.site("s1").numbers("x", 1, 2, 3, 4, 5, 6)
                .text("g", "a", "b", "c", "a", "b", "c").table());
        UsageException levels = assertThrows(UsageException.class,
                () -> Halves.run(new TTestMethod(), TTestParameters.welch("x", "g"), three, Map.of()));
        assertEquals("ttest: group g has 3 levels among the rows used (a, b, c); a two-sample t-test needs exactly 2 "
                + "(keep two with --where)", levels.getMessage());
        boolean[] noC = {true, true, false, true, true, false};
        TTestResult kept = (TTestResult) Halves.run(new TTestMethod(), TTestParameters.welch("x", "g"), three,
                Map.of("s1", noC)).result();
        assertEquals(List.of("a", "b"), kept.levels(), "the filter leaves two levels");

        Map<String, Table> single = Map.of("s1", Tables.site("s1").numbers("x", 1, 2, 3, 4).text("g", "a", "b", "b", "b").table());
        MedfedException one = assertThrows(MedfedException.class,
                () -> Halves.run(new TTestMethod(), TTestParameters.welch("x", "g"), single, Map.of()));
        assertEquals("ttest: group a has 1 row with a value over all sites; Welch's test needs at least 2 per group "
                + "(R: not enough observations)", one.getMessage());
        TTestResult pooled = (TTestResult) Halves.run(new TTestMethod(), TTestParameters.pooled("x", "g"), single, Map.of()).result();
        assertEquals(2, pooled.df(), "R allows a group of one with var.equal = TRUE");

        Map<String, Table> constant = Map.of("s1", Tables.site("s1").numbers("x", 2, 2, 2, 2).text("g", "a", "b", "a", "b").table());
        MedfedException flat = assertThrows(MedfedException.class,
                () -> Halves.run(new TTestMethod(), TTestParameters.welch("x", "g"), constant, Map.of()));
        assertTrue(flat.getMessage().contains("essentially constant"), flat.getMessage());
    }

    @Test
    void parametersAreCheckedAndRoundTripThroughJson() throws Exception {
        assertThrows(UsageException.class, () -> TTestParameters.welch("x", "x"));
        assertThrows(UsageException.class, () -> TTestParameters.welch(" ", "g"));
        assertThrows(UsageException.class, () -> new TTestParameters("x", "g", false, 1.5, Map.of(), Map.of()));
        assertThrows(UsageException.class, () -> new TTestParameters("x", "g", false, null, Map.of("g", new double[] {0, 1}),
                Map.of()));
        assertThrows(UsageException.class, () -> new TTestParameters("x", "g", false, null, Map.of(), Map.of("x", List.of("1"))));
        TTestParameters p = TTestParameters.pooled("x", "g").withLevels(List.of("b", "a")).withBounds(-1, 1);
        ObjectMapper json = new ObjectMapper();
        TTestParameters back = json.readValue(json.writeValueAsString(p), TTestParameters.class);
        assertEquals(p.levels(), back.levels());
        assertEquals(true, back.varEqual());
        assertArrayEquals(p.bounds().get("x"), back.bounds().get("x"));
        TTestParameters defaults = json.readValue("{\"column\":\"x\",\"group\":\"g\"}", TTestParameters.class);
        assertEquals(false, defaults.varEqual());
        assertEquals(0.95, defaults.confLevel());
    }
}
