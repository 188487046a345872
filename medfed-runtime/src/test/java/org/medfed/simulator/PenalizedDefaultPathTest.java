package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.methods.penalized.PenalizedMethod;
import org.medfed.methods.penalized.PenalizedParameters;
import org.medfed.methods.penalized.PenalizedResult;

/**
 * Without {@code --lambda}: glmnet's default sequence ({@code r-checks/glmnet-default-path.R}) —
 * λ_max from one round of sums (the null model's score), 100 values down to 1e-4·λ_max, and
 * glmnet's early stop when %Dev stops changing — the same λ values (1e-10 relative), the same path
 * length, and at every λ coefficients within {@link #COEFFICIENTS} of glmnet's (relative to
 * max(1, |b|); glmnet at thresh 1e-14 is itself ~1e-6 from the exact optimum on these data), the
 * same zeros (at λ_max itself, where the largest score lies exactly on the threshold, within 1e-8)
 * and %Dev within 1e-6.
 */
class PenalizedDefaultPathTest {
    static final double COEFFICIENTS = 1e-5;
    private static final JsonNode R = read();

    private static JsonNode read() {
        return RChecks.read("glmnet-default-path.json");
    }

    @ParameterizedTest
    @CsvSource({
        "mtcars_lasso, glm-gaussian-mtcars, mpg ~ wt + hp + factor(cyl)",
        "mtcars_enet_std, glm-gaussian-mtcars, mpg ~ wt + hp + factor(cyl)",
        "birthwt_lasso, lasso-logistic-birthwt, low ~ age + lwt + race_black + race_other + smoke + ptl + ht + ui + ftv",
        "birthwt_enet_std, lasso-logistic-birthwt, low ~ age + lwt + race_black + race_other + smoke + ptl + ht + ui + ftv"})
    void matchesGlmnetsDefaultPath(String name, String fixture, String formula) {
        JsonNode expected = R.path(name);
        double alpha = expected.path("alpha").asDouble();
        PenalizedParameters p = PenalizedParameters.of(formula, expected.path("family").asText(), alpha, null)
                .withStandardize(expected.path("standardize").asBoolean());
        PenalizedResult r = (PenalizedResult) Simulator.load(ReferenceCase.load(fixture).siteFiles())
                .run(alpha == 1 ? PenalizedMethod.lasso() : PenalizedMethod.elasticnet(), p, null).result();
        JsonNode lambdas = expected.path("lambda");
        assertEquals(lambdas.size(), r.size(), name + ": path length");
        double worst = 0;
        for (int i = 0; i < r.size(); i++) {
            double lambda = lambdas.get(i).asDouble();
            assertEquals(lambda, r.lambda(i), 1e-10 * lambda, name + ": lambda " + i);
            assertTrue(r.converged(i), name + ": converged at lambda " + i);
            double[] glmnet = PenalizedReferenceTest.numbers(expected.path("estimate").get(i));
            double[] b = r.estimate(i);
            for (int j = 0; j < b.length; j++) {
                double scale = Math.max(1, Math.abs(glmnet[j]));
                assertEquals(glmnet[j], b[j], COEFFICIENTS * scale, name + ": lambda " + i + " term " + r.terms().get(j));
                if (glmnet[j] == 0) {
                    // At λ_max the largest score lies on the soft-threshold itself: zero up to rounding.
                    assertTrue(i == 0 ? Math.abs(b[j]) <= 1e-8 * scale : b[j] == 0,
                            name + ": lambda " + i + " term " + r.terms().get(j) + " is " + b[j] + ", glmnet's 0");
                }
                worst = Math.max(worst, Math.abs(glmnet[j] - b[j]) / scale);
            }
            assertEquals(expected.path("dev_ratio").get(i).asDouble(), r.solutions().get(i).devRatio(), 1e-6,
                    name + ": %Dev at lambda " + i);
        }
        int iterations = 0;
        for (int i = 0; i < r.size(); i++) {
            iterations += r.iterations(i);
        }
        System.out.printf("%s: %d lambdas, %d iterations, max relative coefficient difference from glmnet %.3g%n", name,
                r.size(), iterations, worst);
    }
}
