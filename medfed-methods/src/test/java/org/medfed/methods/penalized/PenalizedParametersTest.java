package org.medfed.methods.penalized;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.error.UsageException;
import org.medfed.method.JobContext;
import org.medfed.methods.Invocation;
import org.medfed.methods.admm.AdmmControl;

/**
 * A penalized job's parameters: the path is sorted decreasing without repeats, the JSON a hub
 * receives rebuilds the same parameters (defaults filled in for absent fields), and bad values are
 * usage errors that say what is wrong.
 */
class PenalizedParametersTest {

    @Test
    void thePathIsSortedDecreasingWithoutRepeats() {
        PenalizedParameters p = PenalizedParameters.of("y ~ x", "gaussian", 1, List.of(0.01, 0.5, 0.1, 0.5));
        assertEquals(List.of(0.5, 0.1, 0.01), p.lambda());
    }

    @Test
    void roundTripsThroughTheJobJson() {
        PenalizedParameters p = PenalizedParameters.of("low ~ age + race", "binomial", 0.3, List.of(0.2, 0.02))
                .withLevels(Map.of("race", List.of("white", "black", "other"))).withStandardize(true)
                .withControl(new AdmmControl(2, 1e-9, 1e-7, 300, 1.0, true));
        Invocation<?> back = Invocation.parse("elasticnet", Invocation.of(PenalizedMethod.elasticnet(), p).parametersJson());
        assertEquals(p, back.parameters());
        Invocation<?> minimal = Invocation.parse("lasso", "{\"formula\": \"y ~ x\", \"alpha\": 1, \"lambda\": [0.1]}");
        PenalizedParameters m = (PenalizedParameters) minimal.parameters();
        assertEquals("gaussian", m.family());
        assertEquals(PenalizedParameters.GLMNET, m.gaussianObjective());
        assertEquals(AdmmControl.defaults(), m.control());
    }

    @Test
    void badValuesAreUsageErrors() {
        record Bad(Runnable make, String message) {
        }
        List<Bad> cases = Arrays.asList(
                new Bad(() -> PenalizedParameters.of("y ~ x", "gaussian", 1.5, List.of(0.1)), "alpha must be between 0 and 1"),
                new Bad(() -> PenalizedParameters.of("y ~ x", "gaussian", -0.1, List.of(0.1)), "alpha must be between 0 and 1"),
                new Bad(() -> PenalizedParameters.of("y ~ x", "gaussian", 1, List.of()), "the lambda list is empty"),
                new Bad(() -> PenalizedParameters.of("y ~ x", "gaussian", 1, List.of(0.1, -1.0)), "non-negative"),
                new Bad(() -> PenalizedParameters.of("y ~ x", "gaussian", 1, List.of(Double.NaN)), "non-negative"),
                new Bad(() -> PenalizedParameters.of("y ~ x", "poisson", 1, List.of(0.1)), "gaussian or binomial"),
                new Bad(() -> PenalizedParameters.of("~ x", "gaussian", 1, List.of(0.1)), "needs a response"),
                new Bad(() -> PenalizedParameters.of("y ~ x", "gaussian", 1, List.of(0.1)).withGaussianObjective("other"),
                        "glmnet or plain"),
                new Bad(() -> new AdmmControl(-1, 0, 0, 0, 0, false), "rho must be a positive number"),
                new Bad(() -> new PenalizedParameters("y ~ x", "gaussian", 1, null, -1, 0, false, null, null, null),
                        "nlambda must be at least 1"),
                new Bad(() -> new PenalizedParameters("y ~ x", "gaussian", 1, null, 0, 1, false, null, null, null),
                        "lambda-min-ratio must be in (0, 1)"),
                new Bad(() -> new AdmmControl(0, 0, 0, 0, 2, false), "over-relaxation must be in (0, 2)"),
                new Bad(() -> new AdmmControl(0, 0, 0, -3, 0, false), "at least 1"),
                new Bad(() -> PenalizedMethod.lasso().hub(PenalizedParameters.of("y ~ x", "gaussian", 0.5, List.of(0.1)),
                        new JobContext(List.of("a"), null)), "lasso: alpha is 1"),
                new Bad(() -> PenalizedMethod.admmLogistic().site(PenalizedParameters.of("y ~ x", "gaussian", 0, List.of(0.1))),
                        "admm-logistic: the L2-penalized logistic regression has family binomial"));
        for (Bad b : cases) {
            UsageException e = assertThrows(UsageException.class, b.make()::run);
            assertTrue(e.getMessage().contains(b.message()), e.getMessage());
        }
    }
}
