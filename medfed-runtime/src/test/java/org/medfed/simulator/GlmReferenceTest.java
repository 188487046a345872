package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.methods.glm.Coefficient;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.methods.glm.GlmResult;

/**
 * Every GLM fixture of the shared reference: the federated fit over the fixture's site files
 * must reproduce R's pooled {@code glm} — same terms in the same order, same iteration count,
 * estimates, standard errors, deviance and AIC within 1e-6 relative; and a tightly converged fit
 * must match R's fit at the MLE within 1e-8.
 */
public class GlmReferenceTest {
    static final double PRINTED = 1e-6;
    static final double AT_MLE = 1e-8;

    public static GlmParameters parameters(ReferenceCase c) {
        JsonNode a = c.analysis("glm");
        String formula = a.path("formula").asText();
        return GlmParameters.of(formula, a.path("family").asText()).withLevels(c.levels());
    }

    static GlmResult fit(ReferenceCase c, GlmParameters parameters) {
        Simulation sim = Simulator.load(c.siteFiles()).run(new GlmMethod(), parameters, null);
        return (GlmResult) sim.result();
    }

    @ParameterizedTest
    @ValueSource(strings = {"glm-logistic-birthwt", "glm-gaussian-boston", "glm-gaussian-mtcars",
            "glm-poisson-warpbreaks", "glm-poisson-insurance-offset"})
    void reproducesRsPrintedFit(String name) {
        ReferenceCase c = ReferenceCase.load(name);
        JsonNode expected = c.analysis("glm");
        GlmResult r = fit(c, parameters(c));

        assertEquals(expected.path("iterations").asInt(), r.iterations(), "iterations");
        assertEquals(expected.path("converged").asBoolean(), r.converged(), "converged");
        assertEquals(expected.path("n_used").asInt(), r.n(), "rows used");
        assertCoefficients(expected.path("coefficients"), r.coefficients(), PRINTED, true);
        JsonNode fit = expected.path("fit");
        assertRelative(fit.path("deviance").asDouble(), r.fit().deviance(), PRINTED, "deviance");
        assertRelative(fit.path("null_deviance").asDouble(), r.fit().nullDeviance(), PRINTED, "null deviance");
        assertRelative(fit.path("aic").asDouble(), r.fit().aic(), PRINTED, "AIC");
        assertRelative(fit.path("log_likelihood").asDouble(), r.fit().logLikelihood(), PRINTED, "log-likelihood");
        assertRelative(fit.path("bic").asDouble(), r.fit().bic(), PRINTED, "BIC");
        assertRelative(fit.path("dispersion").asDouble(), r.fit().dispersion(), PRINTED, "dispersion");
        assertEquals(fit.path("df_residual").asDouble(), r.fit().dfResidual(), "df residual");
        assertEquals(fit.path("df_null").asDouble(), r.fit().dfNull(), "df null");
        assertEquals(fit.path("rank").asInt(), r.fit().rank(), "rank");
        assertMatrix(expected.path("vcov"), r, PRINTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"glm-logistic-birthwt", "glm-gaussian-boston", "glm-gaussian-mtcars",
            "glm-poisson-warpbreaks", "glm-poisson-insurance-offset"})
    void tightlyConvergedFitEqualsTheMle(String name) {
        ReferenceCase c = ReferenceCase.load(name);
        JsonNode expected = c.analysis("glm");
        GlmResult r = fit(c, parameters(c).withControl(1e-14, 200));
        assertCoefficients(expected.path("coefficients_at_mle"), r.coefficients(), AT_MLE, false);
        assertMatrix(expected.path("vcov_at_mle"), r, AT_MLE);
    }

    static void assertCoefficients(JsonNode expected, List<Coefficient> actual, double tol, boolean all) {
        List<String> terms = new ArrayList<>();
        expected.forEach(e -> terms.add(e.path("term").asText()));
        assertEquals(terms, actual.stream().map(Coefficient::term).toList(), "term names and order");
        for (int i = 0; i < actual.size(); i++) {
            JsonNode e = expected.get(i);
            Coefficient a = actual.get(i);
            assertRelative(e.path("estimate").asDouble(), a.estimate(), tol, a.term() + " estimate");
            assertRelative(e.path("std_error").asDouble(), a.stdError(), tol, a.term() + " std error");
            if (all) {
                assertRelative(e.path("statistic").asDouble(), a.statistic(), tol, a.term() + " statistic");
                assertRelative(e.path("p_value").asDouble(), a.pValue(), 1e-5, a.term() + " p value");
                assertRelative(e.path("conf_low").asDouble(), a.confLow(), tol, a.term() + " conf low");
                assertRelative(e.path("conf_high").asDouble(), a.confHigh(), tol, a.term() + " conf high");
            }
        }
    }

    /**
     * Covariances are compared on the scale of their standard errors: |a − e| ≤ tol·√(e_ii e_jj),
     * i.e. the correlation matrix to tol absolute, the variances to tol relative.
     */
    static void assertMatrix(JsonNode expected, GlmResult r, double tol) {
        JsonNode m = expected.path("matrix");
        for (int i = 0; i < m.size(); i++) {
            for (int j = 0; j < m.get(i).size(); j++) {
                double e = m.get(i).get(j).asDouble();
                double a = r.vcov()[i][j];
                double bound = tol * Math.sqrt(m.get(i).get(i).asDouble() * m.get(j).get(j).asDouble());
                assertTrue(Math.abs(a - e) <= bound, "vcov[" + i + "][" + j + "]: expected " + e + ", got " + a);
            }
        }
    }

    static void assertRelative(double expected, double actual, double tol, String what) {
        double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(err <= tol, what + ": expected " + expected + ", got " + actual + " (relative error " + err + ")");
    }

}
