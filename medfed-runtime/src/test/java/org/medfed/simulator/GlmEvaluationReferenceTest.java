package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.error.MedfedException;
import org.medfed.methods.evaluation.EvaluationParameters;
import org.medfed.methods.glm.Coefficient;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.methods.glm.GlmResult;
import org.medfed.site.ReleasePolicy;

/**
 * {@code --evaluate} on the birthwt logistic model against the fixture's manual R computation
 * (Hosmer–Lemeshow, Mann–Whitney AUC, ROC points) and against a plain pooled computation
 * ({@link PooledEvaluation}) of everything the fixture does not carry (Brier score, DeLong
 * interval, calibration). The AUC and ROC come from score histograms and are compared within the
 * error bound the result states; everything else is exact.
 */
class GlmEvaluationReferenceTest {
    private static final ReferenceCase BIRTHWT = ReferenceCase.load("glm-logistic-birthwt");
    private static final double EXACT = 1e-9;

    private static JsonNode evaluate(GlmParameters p) {
        Simulation sim = Simulator.load(BIRTHWT.siteFiles()).run(new GlmMethod(), p, null);
        JsonNode e = sim.toJson().path("evaluation");
        assertTrue(e.isObject(), "result has an evaluation block");
        return e;
    }

    private static GlmParameters birthwt(EvaluationParameters e) {
        return GlmReferenceTest.parameters(BIRTHWT).withEvaluation(e);
    }

    private static double[] fixtureFitted() {
        return doubles(BIRTHWT.analysis("glm").path("fitted_values").path("fitted"));
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    /** The pooled rows of the fixture as columns by name (race as its text). */
    static Map<String, String[]> pooled() throws IOException {
        List<String> lines = Files.readAllLines(BIRTHWT.pooled());
        String[] header = lines.get(0).split(",");
        Map<String, String[]> columns = new LinkedHashMap<>();
        for (int j = 0; j < header.length; j++) {
            String[] col = new String[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                col[i - 1] = lines.get(i).split(",")[j];
            }
            columns.put(header[j], col);
        }
        return columns;
    }

    private static double[] outcome() throws IOException {
        return Arrays.stream(pooled().get("low")).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void hosmerLemeshowEqualsRsGroupsStatisticAndPValue() throws IOException {
        JsonNode hl = evaluate(birthwt(EvaluationParameters.defaults())).path("hosmer_lemeshow");
        JsonNode r = BIRTHWT.analysis("hosmer_lemeshow");
        GlmReferenceTest.assertRelative(r.path("statistic").asDouble(), hl.path("statistic").asDouble(), 1e-6, "HL statistic");
        GlmReferenceTest.assertRelative(r.path("p_value").asDouble(), hl.path("p_value").asDouble(), 1e-6, "HL p-value");
        assertEquals(8, hl.path("df").asInt());
        JsonNode groups = hl.path("groups");
        assertEquals(10, groups.size());
        for (int k = 0; k < 10; k++) {
            JsonNode g = groups.get(k);
            assertEquals(r.path("n").get(k).asInt(), g.path("n").asInt(), "group " + (k + 1) + " n");
            assertEquals(r.path("observed_1").get(k).asDouble(), g.path("observed").asDouble(), "group " + (k + 1) + " events");
            assertEquals(r.path("observed_0").get(k).asDouble(), g.path("observed_0").asDouble(), "group " + (k + 1) + " non-events");
            GlmReferenceTest.assertRelative(r.path("expected_1").get(k).asDouble(), g.path("expected").asDouble(), 1e-6,
                    "group " + (k + 1) + " expected events");
            GlmReferenceTest.assertRelative(r.path("expected_0").get(k).asDouble(), g.path("expected_0").asDouble(), 1e-6,
                    "group " + (k + 1) + " expected non-events");
        }
        // Each boundary cuts where R's break does: both lie in [x(j), x(j+1)) of the pooled fitted
        // values, and the stated interval (lower, upper] holds x(j).
        double[] sorted = fixtureFitted();
        Arrays.sort(sorted);
        JsonNode breaks = hl.path("breaks");
        assertEquals(9, breaks.size());
        for (int k = 0; k < 9; k++) {
            JsonNode b = breaks.get(k);
            int j = b.path("order_statistic").asInt();
            double xj = sorted[j - 1];
            double next = sorted[j];
            double rBreak = r.path("breaks").get(k + 1).asDouble();
            double upper = b.path("upper").asDouble();
            assertTrue(b.path("lower").asDouble() < xj && xj <= upper, "break " + (k + 1) + " interval holds x(" + j + ")");
            assertTrue(xj <= rBreak && (rBreak < next || xj == next), "R's break " + (k + 1) + " in [x(j), x(j+1))");
            assertTrue(xj <= upper && (upper < next || xj == next), "threshold " + (k + 1) + " in [x(j), x(j+1))");
            assertEquals(upper, groups.get(k).path("upper").asDouble());
            assertEquals(Arrays.stream(sorted).filter(v -> v <= xj).count(), b.path("rows_at_or_below").asLong());
        }
    }

    @Test
    void aucAndRocAreWithinTheStatedErrorBound() {
        JsonNode e = evaluate(birthwt(EvaluationParameters.defaults()));
        JsonNode auc = e.path("auc");
        int bins = auc.path("bins").asInt();
        assertEquals(65536, bins);
        assertEquals("DeLong", auc.path("method").asText());
        double[] p = fixtureFitted();
        double[] y = null;
        try {
            y = outcome();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        // The bound from the fixture's own fitted values: half the case-control pairs sharing a bin.
        long[] cases = new long[bins];
        long[] controls = new long[bins];
        for (int i = 0; i < p.length; i++) {
            (y[i] == 1 ? cases : controls)[(int) (p[i] * bins)]++;
        }
        double sharing = 0;
        for (int b = 0; b < bins; b++) {
            sharing += (double) cases[b] * controls[b];
        }
        double n1 = BIRTHWT.analysis("auc").path("n_cases").asDouble();
        double n0 = BIRTHWT.analysis("auc").path("n_controls").asDouble();
        double bound = auc.path("error_bound").asDouble();
        assertEquals(0.5 * sharing / (n1 * n0), bound, 1e-15);
        assertTrue(bound > 0 && bound <= 1e-4, "error bound " + bound + " <= 1e-4 on the fixture");
        double rAuc = BIRTHWT.analysis("auc").path("auc").asDouble();
        // Here the bound is attained: the one case-control pair sharing a bin has the case higher
        // (R counts 1, the histogram 1/2), so the two differ by the bound up to rounding.
        assertTrue(Math.abs(auc.path("auc").asDouble() - rAuc) <= bound * (1 + 1e-12),
                "AUC " + auc.path("auc").asDouble() + " within " + bound + " of R's " + rAuc);
        assertEquals(59, auc.path("n_cases").asInt());
        assertEquals(130, auc.path("n_controls").asInt());

        // Every ROC point is an exact point of the empirical curve at its threshold (a bin edge).
        JsonNode roc = e.path("roc");
        Map<Double, JsonNode> byThreshold = new LinkedHashMap<>();
        for (JsonNode pt : roc) {
            double t = pt.path("threshold").asDouble();
            long tp = 0;
            long fp = 0;
            for (int i = 0; i < p.length; i++) {
                if (p[i] >= t) {
                    tp += (long) y[i];
                    fp += 1 - (long) y[i];
                }
            }
            assertEquals(tp, pt.path("tp").asLong(), "true positives at " + t);
            assertEquals(fp, pt.path("fp").asLong(), "false positives at " + t);
            assertEquals(tp / n1, pt.path("tpr").asDouble(), 1e-15);
            assertEquals(fp / n0, pt.path("fpr").asDouble(), 1e-15);
            byThreshold.put(t, pt);
        }
        // R's points: the point at the bin edge below R's threshold differs from R's by at most the
        // rows of that bin between the edge and the threshold; where the bin holds one distinct
        // fitted value, not at all.
        JsonNode r = BIRTHWT.analysis("roc");
        int exact = 0;
        for (int k = 1; k < r.path("threshold").size(); k++) {
            double t = r.path("threshold").get(k).asDouble();
            double edge = Math.floor(t * bins) / bins;
            JsonNode ours = byThreshold.get(edge);
            assertNotNull(ours, "a ROC point at the bin edge " + edge + " below R's threshold " + t);
            long casesBelow = 0;
            long controlsBelow = 0;
            for (int i = 0; i < p.length; i++) {
                if (p[i] >= edge && p[i] < t) {
                    casesBelow += (long) y[i];
                    controlsBelow += 1 - (long) y[i];
                }
            }
            assertEquals(r.path("tp").get(k).asLong() + casesBelow, ours.path("tp").asLong(), "tp at R's threshold " + t);
            assertEquals(r.path("fp").get(k).asLong() + controlsBelow, ours.path("fp").asLong(), "fp at R's threshold " + t);
            assertTrue(Math.abs(ours.path("tpr").asDouble() - r.path("tpr").get(k).asDouble()) <= cases[(int) (t * bins)] / n1);
            assertTrue(Math.abs(ours.path("fpr").asDouble() - r.path("fpr").get(k).asDouble()) <= controls[(int) (t * bins)] / n0);
            if (casesBelow + controlsBelow == 0) {
                exact++;
            }
        }
        assertTrue(exact >= r.path("threshold").size() - 1 - 6, exact + " of R's points reproduced exactly");
        JsonNode first = roc.get(0);
        assertEquals(0, first.path("tp").asInt() + first.path("fp").asInt());
        assertEquals(1.0, roc.get(roc.size() - 1).path("tpr").asDouble());
        assertEquals(1.0, roc.get(roc.size() - 1).path("fpr").asDouble());
    }

    @Test
    void withFinerBinsTheAucAndItsDeLongIntervalAreExact() throws IOException {
        JsonNode auc = evaluate(birthwt(new EvaluationParameters(10, 1 << 18))).path("auc");
        assertEquals(0.0, auc.path("error_bound").asDouble(), "no bin holds a case and a control");
        PooledEvaluation pooled = PooledEvaluation.of(fixtureFitted(), outcome(), 10, 0.95);
        GlmReferenceTest.assertRelative(BIRTHWT.analysis("auc").path("auc").asDouble(), auc.path("auc").asDouble(), 1e-12, "AUC");
        GlmReferenceTest.assertRelative(pooled.auc(), auc.path("auc").asDouble(), 1e-12, "AUC (pooled)");
        GlmReferenceTest.assertRelative(pooled.confLow(), auc.path("conf_low").asDouble(), EXACT, "DeLong lower limit");
        GlmReferenceTest.assertRelative(pooled.confHigh(), auc.path("conf_high").asDouble(), EXACT, "DeLong upper limit");
    }

    @Test
    void brierScoreAndCalibrationEqualThePooledComputation() throws IOException {
        JsonNode e = evaluate(birthwt(EvaluationParameters.defaults()));
        PooledEvaluation pooled = PooledEvaluation.of(fixtureFitted(), outcome(), 10, 0.95);
        GlmReferenceTest.assertRelative(pooled.brier(), e.path("brier").asDouble(), EXACT, "Brier score");
        // In-sample, the maximum-likelihood fit is calibrated: intercept 0 and slope 1, up to how
        // far R's (and this) fit stopped from the exact maximum (~1e-8).
        JsonNode cal = e.path("calibration");
        assertEquals(pooled.intercept(), cal.path("intercept").asDouble(), 1e-6);
        assertEquals(pooled.slope(), cal.path("slope").asDouble(), 1e-6);
        assertEquals(0, cal.path("intercept").asDouble(), 1e-6);
        assertEquals(1, cal.path("slope").asDouble(), 1e-6);
    }

    /**
     * A fit stopped after one iteration is not calibrated, so its evaluation has non-trivial
     * numbers throughout; recomputed here from the pooled rows and the federated coefficients.
     */
    @Test
    void aFitStoppedEarlyIsEvaluatedExactlyToo() throws IOException {
        GlmParameters p = birthwt(EvaluationParameters.defaults()).withControl(1e-8, 1);
        Simulation sim = Simulator.load(BIRTHWT.siteFiles()).run(new GlmMethod(), p, null);
        GlmResult r = (GlmResult) sim.result();
        Map<String, String[]> rows = pooled();
        int n = rows.get("low").length;
        double[] fitted = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = 0;
            for (Coefficient c : r.coefficients()) {
                eta += c.estimate() * regressor(rows, c.term(), i);
            }
            fitted[i] = 1 / (1 + Math.exp(-eta));
        }
        PooledEvaluation pooled = PooledEvaluation.of(fitted, outcome(), 10, 0.95);
        JsonNode e = sim.toJson().path("evaluation");
        JsonNode hl = e.path("hosmer_lemeshow");
        GlmReferenceTest.assertRelative(pooled.statistic(), hl.path("statistic").asDouble(), EXACT, "HL statistic");
        GlmReferenceTest.assertRelative(pooled.pValue(), hl.path("p_value").asDouble(), EXACT, "HL p-value");
        for (int k = 0; k < 10; k++) {
            JsonNode g = hl.path("groups").get(k);
            assertEquals(pooled.n()[k], g.path("n").asInt(), "group " + (k + 1) + " n");
            assertEquals(pooled.observed()[k], g.path("observed").asInt(), "group " + (k + 1) + " events");
            GlmReferenceTest.assertRelative(pooled.expected()[k], g.path("expected").asDouble(), EXACT, "group expected");
        }
        JsonNode auc = e.path("auc");
        assertTrue(Math.abs(auc.path("auc").asDouble() - pooled.auc()) <= auc.path("error_bound").asDouble() * (1 + 1e-12) + 1e-15);
        GlmReferenceTest.assertRelative(pooled.brier(), e.path("brier").asDouble(), EXACT, "Brier score");
        JsonNode cal = e.path("calibration");
        assertTrue(Math.abs(cal.path("slope").asDouble() - 1) > 0.01, "not calibrated: slope " + cal.path("slope"));
        GlmReferenceTest.assertRelative(pooled.intercept(), cal.path("intercept").asDouble(), 1e-8, "calibration intercept");
        GlmReferenceTest.assertRelative(pooled.slope(), cal.path("slope").asDouble(), 1e-8, "calibration slope");
    }

    /** Row i's value of a birthwt model term (treatment contrasts for race). */
    static double regressor(Map<String, String[]> rows, String term, int i) {
        return switch (term) {
            case "(Intercept)" -> 1;
            case "raceblack" -> rows.get("race")[i].equals("black") ? 1 : 0;
            case "raceother" -> rows.get("race")[i].equals("other") ? 1 : 0;
            default -> Double.parseDouble(rows.get(term)[i]);
        };
    }

    @Test
    void theDefaultMinimumCellRuleRefusesTheScoreHistogramsAndAllowingCellsOfOneLetsThemPass() {
        Map<String, ReleasePolicy> strict = new LinkedHashMap<>();
        Map<String, ReleasePolicy> cellsOfOne = new LinkedHashMap<>();
        for (String site : BIRTHWT.siteFiles().keySet()) {
            strict.put(site, ReleasePolicy.defaults().withAllowPlainAggregation(true));
            cellsOfOne.put(site, ReleasePolicy.defaults().withAllowPlainAggregation(true).withEvaluationMinCellCount(1));
        }
        GlmParameters p = birthwt(EvaluationParameters.defaults());
        MedfedException e = assertThrows(MedfedException.class,
                () -> Simulator.load(BIRTHWT.siteFiles()).withPolicies(strict).run(new GlmMethod(), p, null));
        assertTrue(e.getMessage().contains("min_cell_count") && e.getMessage().contains("eval_start"), e.getMessage());
        // The model itself releases no counts, so without --evaluate the same policy passes.
        Simulator.load(BIRTHWT.siteFiles()).withPolicies(strict).run(new GlmMethod(), GlmReferenceTest.parameters(BIRTHWT), null);
        Simulation allowed = Simulator.load(BIRTHWT.siteFiles()).withPolicies(cellsOfOne).run(new GlmMethod(), p, null);
        assertEquals(Simulator.load(BIRTHWT.siteFiles()).run(new GlmMethod(), p, null).result().toJson(), allowed.result().toJson());
    }
}
