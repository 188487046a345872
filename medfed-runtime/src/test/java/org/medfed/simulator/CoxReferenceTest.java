package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medfed.simulator.GlmReferenceTest.assertRelative;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.methods.cox.CoxCoefficient;
import org.medfed.methods.cox.CoxConcordance;
import org.medfed.methods.cox.CoxMethod;
import org.medfed.methods.cox.CoxParameters;
import org.medfed.methods.cox.CoxResult;
import org.medfed.methods.cox.CoxTest;

/**
 * The Cox fixtures of the shared reference: the federated fit over the site files must reproduce
 * R's pooled {@code coxph} — term names, iteration count, estimates, standard errors, Wald and
 * hazard-ratio intervals, covariance, null and final log partial likelihood and the three tests
 * within 1e-6 relative; a tightly converged fit must match R's fit at the maximiser within 1e-8.
 * {@code cox-lung} is fitted with the pooled baseline (shared event-time grid), {@code
 * cox-stratified} (R's {@code strata(site)}) both stratified by site (no times released) and with
 * the pooled design and a {@code strata(site)} column spread over differently split sites.
 */
public class CoxReferenceTest {
    static final double PRINTED = 1e-6;
    static final double AT_MLE = 1e-8;

    static CoxParameters parameters(ReferenceCase c, String analysis, boolean bySite) {
        JsonNode a = c.analysis(analysis);
        String formula = a.path("formula").asText();
        if (bySite) {
            formula = formula.replace(" + strata(site)", "");
        }
        return CoxParameters.of(formula, a.path("ties").asText()).withLevels(c.levels()).stratifiedBySite(bySite);
    }

    static CoxResult fit(Map<String, Path> files, CoxParameters parameters) {
        return (CoxResult) Simulator.load(files).run(new CoxMethod(), parameters, null).result();
    }

    @ParameterizedTest
    @CsvSource({"cox-lung, cox_breslow, false", "cox-lung, cox_efron, false",
            "cox-stratified, cox_breslow, true", "cox-stratified, cox_efron, true"})
    void reproducesRsPrintedFit(String name, String analysis, boolean bySite) {
        ReferenceCase c = ReferenceCase.load(name);
        JsonNode expected = c.analysis(analysis);
        CoxResult r = fit(c.siteFiles(), parameters(c, analysis, bySite));
        assertMatchesR(expected, r);
        if (!bySite) {
            assertBinnedConcordance(expected.path("concordance"), r.concordance());
        } else {
            assertExactConcordance(expected.path("concordance"), r.concordance());
        }
    }

    /** Stratified by site every stratum lies within one site: the counts are exact, and so is survival's standard error. */
    static void assertExactConcordance(JsonNode e, CoxConcordance k) {
        assertEquals(e.path("concordant").asDouble(), k.concordant(), "concordant pairs");
        assertEquals(e.path("discordant").asDouble(), k.discordant(), "discordant pairs");
        assertEquals(e.path("tied_x").asDouble(), k.tiedX(), "pairs tied on the score");
        assertEquals(e.path("tied_y").asDouble(), k.tiedY(), "pairs tied on time");
        assertEquals(e.path("tied_xy").asDouble(), k.tiedXY(), "pairs tied on both");
        assertRelative(e.path("concordance").asDouble(), k.concordance(), PRINTED, "concordance");
        assertRelative(e.path("std_error").asDouble(), k.stdError(), PRINTED, "concordance std error");
    }

    @ParameterizedTest
    @CsvSource({"cox-lung, cox_breslow, false", "cox-lung, cox_efron, false",
            "cox-stratified, cox_breslow, true", "cox-stratified, cox_efron, true"})
    void tightlyConvergedFitEqualsTheMaximiser(String name, String analysis, boolean bySite) {
        ReferenceCase c = ReferenceCase.load(name);
        JsonNode expected = c.analysis(analysis);
        CoxResult r = fit(c.siteFiles(), parameters(c, analysis, bySite).withControl(1e-14, 100));
        JsonNode mle = expected.path("coefficients_at_mle");
        for (int i = 0; i < mle.size(); i++) {
            CoxCoefficient a = r.coefficients().get(i);
            assertRelative(mle.get(i).path("estimate").asDouble(), a.estimate(), AT_MLE, a.term() + " estimate at MLE");
            assertRelative(mle.get(i).path("std_error").asDouble(), a.stdError(), AT_MLE, a.term() + " std error at MLE");
        }
        assertEquals(expected.path("convergence_check").path("tight_iterations").asInt(), r.iterations(), "tight iterations");
    }

    /**
     * strata(site) with the pooled-baseline design: the site column is an ordinary column, and
     * each stratum's rows are spread over several sites (rows dealt round-robin from pooled.csv),
     * so the hub's per-stratum grids must combine rows of one stratum from every site.
     */
    @ParameterizedTest
    @CsvSource({"cox_breslow", "cox_efron"})
    void pooledDesignWithStrataAcrossSites(String analysis, @TempDir Path dir) throws IOException {
        ReferenceCase c = ReferenceCase.load("cox-stratified");
        List<String> lines = Files.readAllLines(c.dir().resolve("pooled.csv"));
        Map<String, Path> files = new LinkedHashMap<>();
        List<List<String>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 1; i < lines.size(); i++) {
            parts.get(i % 3).add(lines.get(i));
        }
        for (int k = 0; k < 3; k++) {
            List<String> out = new ArrayList<>();
            out.add(lines.get(0));
            out.addAll(parts.get(k));
            Path f = dir.resolve("part" + k + ".csv");
            Files.write(f, out);
            files.put("part" + k, f);
        }
        CoxResult r = fit(files, parameters(c, analysis, false));
        assertEquals(List.of("site=site1", "site=site2", "site=site3"), r.strata());
        assertMatchesR(c.analysis(analysis), r);
        assertBinnedConcordance(c.analysis(analysis).path("concordance"), r.concordance());
    }

    @Test
    void resultJsonFollowsTheContract() {
        ReferenceCase c = ReferenceCase.load("cox-lung");
        JsonNode json = Simulator.load(c.siteFiles()).run(new CoxMethod(), parameters(c, "cox_efron", false), null).toJson();
        assertEquals("cox", json.path("method").asText());
        assertEquals(2, json.path("loglik").size());
        for (String t : List.of("likelihood_ratio", "wald", "score")) {
            for (String f : List.of("statistic", "df", "p_value")) {
                assertTrue(json.path("tests").path(t).has(f), "tests." + t + "." + f);
            }
        }
        for (String f : List.of("term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high",
                "exp_estimate", "exp_conf_low", "exp_conf_high")) {
            assertTrue(json.path("coefficients").get(0).has(f), "coefficients[]." + f);
        }
        assertEquals(227, json.path("n").asInt());
        assertEquals(164, json.path("nevent").asInt());
        assertEquals("pooled", json.path("privacy").path("baseline").asText());
        assertTrue(json.path("privacy").path("reveals").asText().contains("event times"));
        assertTrue(json.path("privacy").path("released").toString().contains("event_times"));
    }

    public static void assertMatchesR(JsonNode expected, CoxResult r) {
        assertEquals(expected.path("iterations").asInt(), r.iterations(), "iterations");
        assertEquals(expected.path("converged").asBoolean(), r.converged(), "converged");
        assertEquals(expected.path("n").asLong(), r.n(), "n");
        assertEquals(expected.path("nevent").asLong(), r.nevent(), "events");
        JsonNode coefs = expected.path("coefficients");
        List<String> terms = new ArrayList<>();
        coefs.forEach(e -> terms.add(e.path("term").asText()));
        assertEquals(terms, r.coefficients().stream().map(CoxCoefficient::term).toList(), "term names and order");
        for (int i = 0; i < coefs.size(); i++) {
            JsonNode e = coefs.get(i);
            CoxCoefficient a = r.coefficients().get(i);
            assertRelative(e.path("estimate").asDouble(), a.estimate(), PRINTED, a.term() + " estimate");
            assertRelative(e.path("std_error").asDouble(), a.stdError(), PRINTED, a.term() + " std error");
            assertRelative(e.path("statistic").asDouble(), a.statistic(), PRINTED, a.term() + " z");
            assertRelative(e.path("p_value").asDouble(), a.pValue(), PRINTED, a.term() + " p");
            assertRelative(e.path("conf_low").asDouble(), a.confLow(), PRINTED, a.term() + " conf low");
            assertRelative(e.path("conf_high").asDouble(), a.confHigh(), PRINTED, a.term() + " conf high");
            assertRelative(e.path("exp_estimate").asDouble(), a.expEstimate(), PRINTED, a.term() + " exp(coef)");
            assertRelative(e.path("exp_conf_low").asDouble(), a.expConfLow(), PRINTED, a.term() + " exp conf low");
            assertRelative(e.path("exp_conf_high").asDouble(), a.expConfHigh(), PRINTED, a.term() + " exp conf high");
        }
        JsonNode m = expected.path("vcov").path("matrix");
        for (int i = 0; i < m.size(); i++) {
            for (int j = 0; j < m.size(); j++) {
                double e = m.get(i).get(j).asDouble();
                double bound = PRINTED * Math.sqrt(m.get(i).get(i).asDouble() * m.get(j).get(j).asDouble());
                assertTrue(Math.abs(r.vcov()[i][j] - e) <= bound, "vcov[" + i + "][" + j + "]: expected " + e
                        + ", got " + r.vcov()[i][j]);
            }
        }
        assertRelative(expected.path("loglik").path("null").asDouble(), r.loglikNull(), PRINTED, "null loglik");
        assertRelative(expected.path("loglik").path("final").asDouble(), r.loglikFinal(), PRINTED, "final loglik");
        JsonNode tests = expected.path("tests");
        assertTest(tests.path("likelihood_ratio"), r.likelihoodRatio(), "likelihood ratio");
        assertTest(tests.path("wald"), r.wald(), "Wald");
        assertTest(tests.path("score_logrank"), r.score(), "score");
    }

    /**
     * The pooled design's concordance from binned scores: the comparable pairs and the pairs tied on
     * time are exact, the pairs in different bins are classified exactly (so they are at most R's
     * concordant and discordant counts), and R's C lies within the stated bound, which is small.
     */
    static void assertBinnedConcordance(JsonNode e, CoxConcordance k) {
        assertTrue(!k.exact() && Double.isNaN(k.stdError()), "binned, without a standard error");
        double pairs = e.path("concordant").asDouble() + e.path("discordant").asDouble() + e.path("tied_x").asDouble();
        assertEquals(pairs, k.concordant() + k.discordant() + k.tiedX(), "comparable pairs");
        assertEquals(e.path("tied_y").asDouble() + e.path("tied_xy").asDouble(), k.tiedY(), "pairs tied on time");
        assertTrue(k.concordant() <= e.path("concordant").asDouble() && k.discordant() <= e.path("discordant").asDouble(),
                "pairs in different bins are classified exactly");
        assertTrue(Math.abs(k.concordance() - e.path("concordance").asDouble()) <= k.errorBound(),
                "C " + k.concordance() + " vs R " + e.path("concordance").asDouble() + " beyond the bound " + k.errorBound());
        assertTrue(k.errorBound() < 0.005, "bound " + k.errorBound());
    }

    private static void assertTest(JsonNode e, CoxTest t, String what) {
        assertRelative(e.path("statistic").asDouble(), t.statistic(), PRINTED, what + " statistic");
        assertEquals(e.path("df").asInt(), t.df(), what + " df");
        assertRelative(e.path("p_value").asDouble(), t.pValue(), PRINTED, what + " p");
    }
}
