package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medfed.simulator.RChecks.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medfed.methods.describe.TableMethod;
import org.medfed.methods.describe.TableParameters;
import org.medfed.methods.describe.TableResult;
import org.medfed.methods.describe.TableTests;

/**
 * χ², Fisher's exact test and the 2 × 2 measures of federated tables on the lung fixture against
 * R's chisq.test, fisher.test and prop.test on the pooled rows (the fixture's contingency
 * analysis, and {@code r-checks/lung-tests.json} for what the fixture does not carry).
 */
class TableTestsReferenceTest {
    private static final ReferenceCase LUNG = ReferenceCase.load("summary-stats-lung");
    /** Closed-form statistics and p-values agree with R to rounding. */
    private static final double TIGHT = 1e-10;
    /** Fisher's odds ratio and limits: R's uniroot steps replayed, so only the function values' rounding differs. */
    private static final double ROOTS = 1e-8;

    /** The table over the fixture's sites, with the fixture's level orders (R's data_prep). */
    private static Simulation table(TableParameters p, String where) {
        Map<String, List<String>> levels = new LinkedHashMap<>(LUNG.levels());
        levels.keySet().retainAll(Set.of(p.rows(), p.cols()));
        return Simulator.load(LUNG.siteFiles()).run(new TableMethod(), p.withLevels(levels), where);
    }

    @Test
    void twoByThreeChiSquaredAndFisherEqualTheFixture() {
        JsonNode expected = LUNG.analysis("contingency");
        Simulation sim = table(TableParameters.twoWay("sex", "ecog_grp"), null);
        TableTests t = ((TableResult) sim.result()).tests();
        JsonNode chisq = expected.path("chisq_test");
        assertClose(chisq.path("statistic"), t.chisq().statistic(), TIGHT, "X-squared");
        assertClose(chisq.path("p_value"), t.chisq().pValue(), TIGHT, "chisq p");
        assertEquals(chisq.path("df").asInt(), t.chisq().df());
        assertFalse(t.chisq().correct(), "no correction for a 2 x 3 table");
        double[][] e = RChecks.matrix(chisq.path("expected"));
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < e[i].length; j++) {
                assertClose(e[i][j], t.chisq().expected()[i][j], TIGHT, "expected " + i + "," + j);
            }
        }
        assertClose(expected.path("fisher_test").path("p_value"), t.fisher().pValue(), TIGHT, "Fisher r x c p");
        assertFalse(t.fisher().hasOddsRatio());
        assertNull(t.riskDifference());

        JsonNode json = sim.toJson();
        assertEquals("[[false,false,false],[false,false,false]]", json.path("table").path("suppressed").toString());
        assertEquals(t.chisq().statistic(), json.path("tests").path("chisq").path("statistic").asDouble());
        assertEquals(2, json.path("tests").path("chisq").path("df").asInt());
        assertFalse(json.path("tests").path("chisq").path("correct").asBoolean());
        assertEquals(t.fisher().pValue(), json.path("tests").path("fisher").path("p_value").asDouble());
        assertTrue(json.path("tests").path("notes").isEmpty());
        assertFalse(json.has("measures"));
        String text = sim.result().toText();
        assertTrue(text.contains("Pearson's Chi-squared test\nX-squared = 0.6113583, df = 2, p-value = 0.7366229"), text);
    }

    @Test
    void twoByTwoMatchesChisqFisherAndPropTest() {
        for (String where : new String[] {null, "age > 60"}) {
            JsonNode r = RChecks.lung(where == null ? "sex_status" : "sex_status_age_over_60");
            TableResult corrected = (TableResult) table(TableParameters.twoWay("sex", "status"), where).result();
            TableResult plain = (TableResult) table(TableParameters.twoWay("sex", "status").withTests(false, 0.95), where).result();
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(r.path("counts").get(i).get(j).asDouble(), corrected.count(i, j), where + " counts");
                }
            }
            TableTests t = corrected.tests();
            assertTrue(t.chisq().correct());
            assertClose(r.path("chisq_corrected").path("statistic"), t.chisq().statistic(), TIGHT, where + " Yates X-squared");
            assertClose(r.path("chisq_corrected").path("p_value"), t.chisq().pValue(), TIGHT, where + " Yates p");
            assertFalse(plain.tests().chisq().correct());
            assertClose(r.path("chisq").path("statistic"), plain.tests().chisq().statistic(), TIGHT, where + " X-squared");
            assertClose(r.path("chisq").path("p_value"), plain.tests().chisq().pValue(), TIGHT, where + " p");

            JsonNode f = r.path("fisher");
            assertClose(f.path("p_value"), t.fisher().pValue(), TIGHT, where + " Fisher p");
            assertClose(f.path("estimate"), t.fisher().estimate(), ROOTS, where + " conditional MLE odds ratio");
            assertClose(f.path("conf_low"), t.fisher().confLow(), ROOTS, where + " Fisher lower limit");
            assertClose(f.path("conf_high"), t.fisher().confHigh(), ROOTS, where + " Fisher upper limit");

            JsonNode rd = r.path("risk_difference");
            assertClose(rd.path("risks").get(0), t.riskDifference().risks()[0], TIGHT, where + " risk 1");
            assertClose(rd.path("risks").get(1), t.riskDifference().risks()[1], TIGHT, where + " risk 2");
            assertClose(rd.path("estimate"), t.riskDifference().estimate(), TIGHT, where + " risk difference");
            assertClose(rd.path("conf_low"), t.riskDifference().confLow(), TIGHT, where + " RD low");
            assertClose(rd.path("conf_high"), t.riskDifference().confHigh(), TIGHT, where + " RD high");
            JsonNode or = r.path("odds_ratio");
            assertClose(or.path("estimate"), t.oddsRatio().estimate(), TIGHT, where + " sample OR");
            assertClose(or.path("conf_low"), t.oddsRatio().confLow(), TIGHT, where + " OR low");
            assertClose(or.path("conf_high"), t.oddsRatio().confHigh(), TIGHT, where + " OR high");
        }
    }

    @Test
    void fisherOnSmallAndLargerTablesEqualsR() {
        for (JsonNode c : RChecks.lung("fisher")) {
            double[][] counts = RChecks.matrix(c.path("counts"));
            TableTests t = TableTests.of(counts, null, true, true, 0.95);
            String call = c.path("call").asText();
            assertClose(c.path("p_value"), t.fisher().pValue(), TIGHT, call + " p");
            if (c.has("estimate")) {
                assertClose(c.path("estimate"), t.fisher().estimate(), ROOTS, call + " estimate");
                assertClose(c.path("conf_low"), t.fisher().confLow(), ROOTS, call + " lower");
                assertClose(c.path("conf_high"), t.fisher().confHigh(), ROOTS, call + " upper");
            }
        }
    }

    @Test
    void aTableTooLargeToEnumerateSaysSoAndKeepsTheChiSquaredTest() {
        // table(ecog_grp, ph.karno) is 3 x 6 over 227 rows; R's FEXACT also gives up on it
        // ("LDSTP is too small for this problem") at a 2e8 workspace.
        Simulation sim = table(TableParameters.twoWay("ecog_grp", "ph.karno"), null);
        TableTests t = ((TableResult) sim.result()).tests();
        assertNull(t.fisher());
        assertTrue(t.notes().get(0).contains("Fisher's exact test not computed") && t.notes().get(0).contains("20,000,000"),
                t.notes().toString());
        assertTrue(t.chisq().pValue() < 1e-10);
        assertTrue(t.warnings().get(0).contains("Chi-squared approximation may be incorrect"));
        assertTrue(sim.toJson().path("tests").path("fisher").isNull());
    }
}
