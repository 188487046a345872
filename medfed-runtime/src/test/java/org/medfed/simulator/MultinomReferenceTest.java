package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;
import org.medfed.methods.glm.Coefficient;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.methods.glm.GlmResult;
import org.medfed.methods.multinom.MultinomCoefficient;
import org.medfed.methods.multinom.MultinomMethod;
import org.medfed.methods.multinom.MultinomParameters;
import org.medfed.methods.multinom.MultinomResult;

/**
 * Multinomial logistic regression against the {@code multinom-birthwt-race} fixture: the federated
 * Newton fit must equal the exact maximum-likelihood estimate ({@code exact_mle}: estimates,
 * standard errors, z, p, intervals, covariance, deviance, AIC) within 1e-8; nnet's printed BFGS
 * answer within the fixture's stated ~1e-4, with our deviance no larger than nnet's. Also: a
 * different reference level reparametrizes the same fit, two levels give the logistic GLM, and
 * bad input is refused with a message.
 */
class MultinomReferenceTest {
    private static final ReferenceCase CASE = ReferenceCase.load("multinom-birthwt-race");
    private static final double EXACT = 1e-8;
    private static final double NNET = 1e-4;

    @TempDir
    Path dir;

    static MultinomResult fit(Map<String, Path> files, MultinomParameters parameters) {
        return (MultinomResult) Simulator.load(files).run(new MultinomMethod(), parameters, null).result();
    }

    private static MultinomResult fitted() {
        return fit(CASE.siteFiles(), parameters());
    }

    /** The fixture's call: its formula and the level order its data_prep sets (white first). */
    private static MultinomParameters parameters() {
        return MultinomParameters.of(CASE.analysis("multinom").path("formula").asText()).withLevels(CASE.levels());
    }

    @Test
    void equalsTheExactMle() {
        JsonNode exact = CASE.analysis("multinom").path("exact_mle");
        MultinomResult r = fitted();
        assertEquals(List.of("white", "black", "other"), r.levels(), "levels, reference first");
        assertEquals(189, r.n(), "rows used");
        assertTrue(r.converged(), "converged");
        List<String> names = new ArrayList<>();
        exact.path("coefficients").forEach(c -> names.add(c.path("name").asText()));
        assertEquals(names, r.coefficients().stream().map(MultinomCoefficient::name).toList(), "nnet's order and names");
        for (int i = 0; i < r.coefficients().size(); i++) {
            JsonNode e = exact.path("coefficients").get(i);
            MultinomCoefficient a = r.coefficients().get(i);
            assertEquals(e.path("y_level").asText(), a.yLevel());
            assertEquals(e.path("term").asText(), a.term());
            assertRelative(e.path("estimate").asDouble(), a.estimate(), EXACT, a.name() + " estimate");
            assertRelative(e.path("std_error").asDouble(), a.stdError(), EXACT, a.name() + " std error");
            assertRelative(e.path("statistic").asDouble(), a.statistic(), EXACT, a.name() + " statistic");
            assertRelative(e.path("p_value").asDouble(), a.pValue(), EXACT, a.name() + " p value");
            assertRelative(e.path("conf_low").asDouble(), a.confLow(), EXACT, a.name() + " conf low");
            assertRelative(e.path("conf_high").asDouble(), a.confHigh(), EXACT, a.name() + " conf high");
        }
        assertMatrix(exact.path("vcov"), r, EXACT);
        assertRelative(exact.path("deviance").asDouble(), r.deviance(), 1e-12, "deviance");
        assertRelative(exact.path("aic").asDouble(), r.aic(), 1e-12, "AIC");
        assertRelative(exact.path("log_likelihood").asDouble(), r.logLikelihood(), 1e-12, "log-likelihood");
    }

    /**
     * nnet stops a BFGS search short of the optimum: its estimates are within ~1e-4 of ours
     * relative to the larger of |estimate| and its standard error (a near-zero intercept differs
     * by 4e-4 of itself but 1e-5 of its SE), its standard errors within 1e-4, and its deviance
     * is never below ours.
     */
    @Test
    void agreesWithNnetWithinItsTolerance() {
        JsonNode nnet = CASE.analysis("multinom");
        MultinomResult r = fitted();
        for (int i = 0; i < r.coefficients().size(); i++) {
            JsonNode e = nnet.path("coefficients").get(i);
            MultinomCoefficient a = r.coefficients().get(i);
            assertEquals(e.path("name").asText(), a.name());
            double scale = Math.max(Math.abs(e.path("estimate").asDouble()), e.path("std_error").asDouble());
            double diff = Math.abs(a.estimate() - e.path("estimate").asDouble());
            assertTrue(diff <= NNET * scale, a.name() + ": nnet " + e.path("estimate").asDouble() + ", ours "
                    + a.estimate());
            assertRelative(e.path("std_error").asDouble(), a.stdError(), NNET, a.name() + " std error");
        }
        assertMatrix(nnet.path("vcov"), r, 1e-3);
        double nnetDeviance = nnet.path("fit").path("deviance").asDouble();
        assertTrue(r.deviance() <= nnetDeviance, "our deviance " + r.deviance() + " exceeds nnet's " + nnetDeviance);
        assertRelative(nnetDeviance, r.deviance(), 1e-9, "deviance");
        assertRelative(nnet.path("fit").path("aic").asDouble(), r.aic(), 1e-9, "AIC");
    }

    /**
     * With {@code black} as the baseline the model is the same: equal deviance, and the
     * coefficients of other-vs-black are those of other-vs-white minus black-vs-white.
     */
    @Test
    void anotherReferenceReparametrizesTheSameFit() {
        MultinomResult white = fitted();
        MultinomResult black = fit(CASE.siteFiles(),
                parameters().withReference("black"));
        assertEquals(List.of("black", "white", "other"), black.levels());
        assertRelative(white.deviance(), black.deviance(), 1e-12, "deviance");
        for (String term : List.of("(Intercept)", "age", "lwt", "smoke")) {
            double expected = white.coefficient("other", term).estimate() - white.coefficient("black", term).estimate();
            assertRelative(expected, black.coefficient("other", term).estimate(), 1e-8, "other vs black " + term);
            assertRelative(-white.coefficient("black", term).estimate(), black.coefficient("white", term).estimate(),
                    1e-8, "white vs black " + term);
        }
        assertTrue(black.toText().contains("Reference level: black"), black.toText());
        assertEquals("black", black.toJson().path("reference_level").asText());
    }

    @Test
    void jsonCarriesTheContract() {
        JsonNode j = fitted().toJson();
        assertEquals("multinom", j.path("method").asText());
        JsonNode first = j.path("coefficients").get(0);
        for (String field : List.of("y_level", "term", "estimate", "std_error", "statistic", "p_value", "conf_low",
                "conf_high")) {
            assertTrue(first.has(field), field);
        }
        assertEquals("black:(Intercept)", j.path("vcov").path("terms").get(0).asText());
        assertEquals(8, j.path("vcov").path("matrix").size());
        assertEquals(8, j.path("fit").path("edf").asInt());
        assertEquals(189, j.path("level_counts").path("white").asInt() + j.path("level_counts").path("black").asInt()
                + j.path("level_counts").path("other").asInt());
    }

    @Test
    void refusesAResponseWithOneLevel() throws IOException {
        Map<String, Path> onlyWhite = rewrite(line -> line.startsWith("white,") ? line : null);
        MedfedException e = assertThrows(MedfedException.class,
                () -> fit(onlyWhite, parameters()));
        assertTrue(e.getMessage().contains("race needs at least 2 levels"), e.getMessage());
    }

    @Test
    void refusesAReferenceLevelWithNoRows() throws IOException {
        Map<String, Path> noOther = rewrite(line -> line.startsWith("other,") ? null : line);
        MedfedException e = assertThrows(MedfedException.class,
                () -> fit(noOther, MultinomParameters.of("race ~ age + lwt + smoke").withReference("other")));
        assertTrue(e.getMessage().contains("reference level 'other' of race has no rows at any site"), e.getMessage());
        // Listed but absent, it is dropped with nnet's warning and the two-class model is fitted.
        MultinomResult twoClass = fit(noOther, parameters());
        assertEquals(List.of("white", "black"), twoClass.levels());
        assertEquals(List.of("group(s) other are empty"), twoClass.warnings());
        assertEquals(4, twoClass.coefficients().size());
    }

    /**
     * With two levels the model is binary logistic regression: on the white and black rows it
     * equals the federated GLM (tightly converged) fitted to a 0/1 recoding of the response.
     */
    @Test
    void twoLevelsEqualTheLogisticGlm() throws IOException {
        Map<String, Path> twoLevels = rewrite(line -> line.startsWith("other,") ? null : line);
        MultinomResult multinom = fit(twoLevels, parameters());
        Path glmDir = Files.createDirectory(dir.resolve("glm"));
        Map<String, Path> recoded = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : twoLevels.entrySet()) {
            Path f = glmDir.resolve(e.getKey() + ".csv");
            Files.write(f, Files.readAllLines(e.getValue()).stream()
                    .map(l -> l.replaceFirst("^white,", "0,").replaceFirst("^black,", "1,")).toList());
            recoded.put(e.getKey(), f);
        }
        GlmResult glm = (GlmResult) Simulator.load(recoded).run(new GlmMethod(),
                GlmParameters.of("race ~ age + lwt + smoke", "binomial").withControl(1e-14, 200), null).result();
        assertEquals(glm.coefficients().size(), multinom.coefficients().size());
        for (int i = 0; i < glm.coefficients().size(); i++) {
            Coefficient g = glm.coefficients().get(i);
            MultinomCoefficient m = multinom.coefficients().get(i);
            assertEquals("black", m.yLevel());
            assertEquals(g.term(), m.term());
            assertRelative(g.estimate(), m.estimate(), 1e-8, m.name() + " estimate");
        }
        // glm copies R's rule of taking the standard errors from the last iteration's information
        // matrix, one step before its estimate (here ~2e-8 apart); ours is at the estimate.
        for (int i = 0; i < glm.coefficients().size(); i++) {
            MultinomCoefficient m = multinom.coefficients().get(i);
            assertRelative(glm.coefficients().get(i).stdError(), m.stdError(), 1e-6, m.name() + " std error");
        }
        assertRelative(glm.fit().deviance(), multinom.deviance(), 1e-12, "deviance");
    }

    /** The fixture's site files with each data line mapped (null drops it). */
    private Map<String, Path> rewrite(Function<String, String> line) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : CASE.siteFiles().entrySet()) {
            List<String> in = Files.readAllLines(e.getValue());
            List<String> out = new ArrayList<>(List.of(in.get(0)));
            for (String l : in.subList(1, in.size())) {
                String mapped = line.apply(l);
                if (mapped != null) {
                    out.add(mapped);
                }
            }
            Path f = dir.resolve(e.getKey() + ".csv");
            Files.write(f, out);
            files.put(e.getKey(), f);
        }
        return files;
    }

    private static void assertMatrix(JsonNode expected, MultinomResult r, double tol) {
        List<String> terms = new ArrayList<>();
        expected.path("terms").forEach(t -> terms.add(t.asText()));
        assertEquals(terms, r.vcovTerms(), "vcov terms");
        for (int i = 0; i < terms.size(); i++) {
            for (int j = 0; j < terms.size(); j++) {
                assertRelative(expected.path("matrix").get(i).get(j).asDouble(), r.vcov()[i][j], tol,
                        "vcov[" + terms.get(i) + ", " + terms.get(j) + "]");
            }
        }
    }
}
