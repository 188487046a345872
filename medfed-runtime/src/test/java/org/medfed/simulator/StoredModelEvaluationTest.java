package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;
import org.medfed.methods.Invocation;
import org.medfed.methods.evaluation.EvaluationParameters;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.methods.storedmodel.EvaluateMethod;
import org.medfed.methods.storedmodel.EvaluateParameters;
import org.medfed.methods.storedmodel.StoredModel;
import org.medfed.site.ReleasePolicy;

/**
 * {@code evaluate --model}: a stored birthwt logistic fit evaluated without refitting. On the
 * fit's own sites it gives exactly {@code glm --evaluate}'s evaluation; on other rows (another
 * split, a {@code --where} subset) exactly what a plain pooled computation from the stored
 * coefficients gives ({@link PooledEvaluation}); bad models and data are refused clearly.
 */
class StoredModelEvaluationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReferenceCase BIRTHWT = ReferenceCase.load("glm-logistic-birthwt");
    private static final double EXACT = 1e-9;

    @TempDir
    Path dir;

    /** The birthwt fit's JSON as {@code simulate glm --json} prints it, read back as a file would be. */
    private static JsonNode storedFit(GlmParameters p, String where) throws IOException {
        Simulation sim = Simulator.load(BIRTHWT.siteFiles()).run(new GlmMethod(), p, where);
        return JSON.readTree(sim.toJson().toString());
    }

    /** Runs {@code evaluate} with parameters that went through JSON, as a job's do. */
    private static JsonNode evaluate(Map<String, Path> sites, JsonNode fit, EvaluationParameters e, String where)
            throws IOException {
        EvaluateParameters p = new EvaluateParameters(StoredModel.fromGlmJson(fit, "birthwt.json"), e);
        @SuppressWarnings("unchecked")
        Invocation<EvaluateParameters> sent = (Invocation<EvaluateParameters>) Invocation.parse("evaluate",
                JSON.writeValueAsString(p));
        Simulation sim = Simulator.load(sites).run(new EvaluateMethod(), sent.parameters(), where);
        return JSON.readTree(sim.toJson().toString());
    }

    @Test
    void theStoredFitOnItsOwnSitesGivesExactlyGlmEvaluatesEvaluation() throws IOException {
        GlmParameters p = GlmReferenceTest.parameters(BIRTHWT).withEvaluation(EvaluationParameters.defaults());
        JsonNode fit = storedFit(p, null);
        JsonNode evaluated = evaluate(BIRTHWT.siteFiles(), fit, EvaluationParameters.defaults(), null);
        assertEquals("evaluate", evaluated.path("method").asText());
        assertEquals(fit.path("evaluation"), evaluated.path("evaluation"));
        assertEquals(fit.path("n"), evaluated.path("n"));
        assertEquals(fit.path("formula"), evaluated.path("model").path("formula"));
        for (int j = 0; j < fit.path("coefficients").size(); j++) {
            JsonNode c = fit.path("coefficients").get(j);
            JsonNode used = evaluated.path("model").path("coefficients").get(j);
            assertEquals(c.path("term"), used.path("term"));
            assertEquals(c.path("estimate").doubleValue(), used.path("estimate").doubleValue(), 0.0);
        }
        assertEquals(BIRTHWT.analysis("hosmer_lemeshow").path("statistic").asDouble(),
                evaluated.path("evaluation").path("hosmer_lemeshow").path("statistic").asDouble(), 1e-9);
    }

    /**
     * A model stopped after one iteration (so nothing is calibrated by construction) evaluated on
     * the older mothers only, at two sites that split the rows differently from the fixture: every
     * number equals the pooled computation on those rows.
     */
    @Test
    void onAnotherSplitAndSubsetItEqualsThePooledComputation() throws IOException {
        JsonNode fit = storedFit(GlmReferenceTest.parameters(BIRTHWT).withControl(1e-8, 1), null);
        assertEqualsPooled(fit, "age >= 23");
    }

    /**
     * A model fitted on the young mothers only, and stopped early, is badly calibrated for the
     * others: its calibration fit, started at perfect calibration (0, 1), overshoots into
     * saturated probabilities with full Newton steps. Capped steps must still reach the optimum
     * that the pooled computation (step halving on the log-likelihood) finds.
     */
    @Test
    void aBadlyCalibratedModelOnOtherDataStillGetsItsCalibrationFit() throws IOException {
        JsonNode fit = storedFit(GlmReferenceTest.parameters(BIRTHWT).withControl(1e-8, 2), "age < 23");
        assertEqualsPooled(fit, "age >= 23");
    }

    private void assertEqualsPooled(JsonNode fit, String where) throws IOException {
        Map<String, String[]> rows = GlmEvaluationReferenceTest.pooled();
        Map<String, Path> sites = resplit(rows, i -> i % 2 == 0, i -> i % 2 == 1, null);

        List<Double> fitted = new ArrayList<>();
        List<Double> outcome = new ArrayList<>();
        for (int i = 0; i < rows.get("low").length; i++) {
            if (Double.parseDouble(rows.get("age")[i]) >= 23) {
                double eta = 0;
                for (JsonNode c : fit.path("coefficients")) {
                    eta += c.path("estimate").asDouble()
                            * GlmEvaluationReferenceTest.regressor(rows, c.path("term").asText(), i);
                }
                fitted.add(1 / (1 + Math.exp(-eta)));
                outcome.add(Double.parseDouble(rows.get("low")[i]));
            }
        }
        PooledEvaluation pooled = PooledEvaluation.of(fitted.stream().mapToDouble(Double::doubleValue).toArray(),
                outcome.stream().mapToDouble(Double::doubleValue).toArray(), 8, 0.95);
        JsonNode evaluated = evaluate(sites, fit, new EvaluationParameters(8, 1 << 18), where);
        assertEquals(fitted.size(), evaluated.path("n").asInt());
        JsonNode e = evaluated.path("evaluation");
        JsonNode hl = e.path("hosmer_lemeshow");
        assertEquals(6, hl.path("df").asInt());
        GlmReferenceTest.assertRelative(pooled.statistic(), hl.path("statistic").asDouble(), EXACT, "HL statistic");
        GlmReferenceTest.assertRelative(pooled.pValue(), hl.path("p_value").asDouble(), EXACT, "HL p-value");
        for (int k = 0; k < 8; k++) {
            JsonNode g = hl.path("groups").get(k);
            assertEquals(pooled.n()[k], g.path("n").asInt(), "group " + (k + 1) + " n");
            assertEquals(pooled.observed()[k], g.path("observed").asInt(), "group " + (k + 1) + " events");
            GlmReferenceTest.assertRelative(pooled.expected()[k], g.path("expected").asDouble(), EXACT, "group expected");
        }
        JsonNode auc = e.path("auc");
        assertTrue(Math.abs(auc.path("auc").asDouble() - pooled.auc()) <= auc.path("error_bound").asDouble() * (1 + 1e-12) + 1e-15,
                "AUC " + auc + " vs pooled " + pooled.auc());
        GlmReferenceTest.assertRelative(pooled.brier(), e.path("brier").asDouble(), EXACT, "Brier score");
        JsonNode cal = e.path("calibration");
        assertTrue(Math.abs(cal.path("slope").asDouble() - 1) > 0.01, "not calibrated: slope " + cal.path("slope"));
        GlmReferenceTest.assertRelative(pooled.intercept(), cal.path("intercept").asDouble(), 1e-8, "calibration intercept");
        GlmReferenceTest.assertRelative(pooled.slope(), cal.path("slope").asDouble(), 1e-8, "calibration slope");
    }

    @Test
    void aModelThatIsNotABinomialGlmIsRefused() throws IOException {
        JsonNode fit = storedFit(GlmReferenceTest.parameters(BIRTHWT), null);
        ObjectNode gaussian = fit.deepCopy();
        gaussian.put("family", "gaussian");
        gaussian.put("link", "identity");
        MedfedException e = assertThrows(MedfedException.class, () -> StoredModel.fromGlmJson(gaussian, "m.json"));
        assertTrue(e.getMessage().contains("m.json") && e.getMessage().contains("binomial"), e.getMessage());
        ObjectNode summary = JSON.createObjectNode().put("method", "summary");
        e = assertThrows(MedfedException.class, () -> StoredModel.fromGlmJson(summary, "s.json"));
        assertTrue(e.getMessage().contains("not a GLM result") && e.getMessage().contains("'summary'"), e.getMessage());
        ObjectNode old = fit.deepCopy();
        old.remove("model_frame");
        e = assertThrows(MedfedException.class, () -> StoredModel.fromGlmJson(old, "old.json"));
        assertTrue(e.getMessage().contains("model_frame"), e.getMessage());
    }

    @Test
    void aSiteWithoutAColumnOfTheModelOrWithAnUnknownLevelIsRefusedByName() throws IOException {
        JsonNode fit = storedFit(GlmReferenceTest.parameters(BIRTHWT), null);
        Map<String, String[]> rows = GlmEvaluationReferenceTest.pooled();
        Map<String, String[]> noFtv = new LinkedHashMap<>(rows);
        noFtv.remove("ftv");
        Map<String, Path> missing = resplit(noFtv, i -> i < 100, i -> i >= 100, null);
        MedfedException e = assertThrows(MedfedException.class,
                () -> evaluate(missing, fit, EvaluationParameters.defaults(), null));
        assertTrue((e.getMessage().contains("north") || e.getMessage().contains("south")) && e.getMessage().contains("'ftv'")
                && e.getMessage().contains("does not have"), e.getMessage());

        Map<String, Path> asian = resplit(rows, i -> i < 100, i -> i >= 100, "asian");
        e = assertThrows(MedfedException.class, () -> evaluate(asian, fit, EvaluationParameters.defaults(), null));
        assertTrue(e.getMessage().contains("'asian'") && e.getMessage().contains("race")
                && e.getMessage().contains("model's levels (white, black, other)"), e.getMessage());
        assertTrue(e.getMessage().contains("south"), e.getMessage());
        // Rows outside the filter do not count: without them the same data evaluates.
        evaluate(asian, fit, EvaluationParameters.defaults(), "race != \"asian\"");
    }

    @Test
    void theDefaultMinimumCellRuleRefusesItAsItRefusesGlmEvaluate() throws IOException {
        JsonNode fit = storedFit(GlmReferenceTest.parameters(BIRTHWT), null);
        Map<String, ReleasePolicy> strict = new LinkedHashMap<>();
        BIRTHWT.siteFiles().keySet().forEach(site -> strict.put(site, ReleasePolicy.defaults().withAllowPlainAggregation(true)));
        EvaluateParameters p = new EvaluateParameters(StoredModel.fromGlmJson(fit, "birthwt.json"), EvaluationParameters.defaults());
        MedfedException e = assertThrows(MedfedException.class,
                () -> Simulator.load(BIRTHWT.siteFiles()).withPolicies(strict).run(new EvaluateMethod(), p, null));
        assertTrue(e.getMessage().contains("min_cell_count") && e.getMessage().contains("eval_start"), e.getMessage());
    }

    /** Two site files, north and south, holding the rows each predicate picks; with {@code newRace}, south's first row gets that race. */
    private Map<String, Path> resplit(Map<String, String[]> rows, IntPredicate inA, IntPredicate inB, String newRace)
            throws IOException {
        Map<String, Path> sites = new LinkedHashMap<>();
        int n = rows.values().iterator().next().length;
        for (String site : List.of("north", "south")) {
            IntPredicate pick = site.equals("north") ? inA : inB;
            StringBuilder csv = new StringBuilder(String.join(",", rows.keySet())).append('\n');
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                if (!pick.test(i)) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (Map.Entry<String, String[]> c : rows.entrySet()) {
                    boolean replace = site.equals("south") && newRace != null && !changed && c.getKey().equals("race");
                    cells.add(replace ? newRace : c.getValue()[i]);
                }
                changed = true;
                csv.append(String.join(",", cells)).append('\n');
            }
            Path file = dir.resolve(site + ".csv");
            Files.writeString(file, csv);
            sites.put(site, file);
        }
        return sites;
    }
}
