package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.error.MedfedException;
import org.medfed.methods.glm.Coefficient;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.methods.glm.GlmResult;

/** GLM with every sum computed by secure aggregation equals GLM with plain sums (issue 4: ≤ 1e-10 relative). */
class SecureAggregationGlmTest {

    private static double rel(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"glm-logistic-birthwt", "glm-gaussian-boston", "glm-gaussian-mtcars",
            "glm-poisson-warpbreaks", "glm-poisson-insurance-offset"})
    void secureSumsGiveThePlainFit(String name) {
        ReferenceCase c = ReferenceCase.load(name);
        GlmParameters p = GlmReferenceTest.parameters(c);
        Simulation plain = Simulator.load(c.siteFiles()).run(new GlmMethod(), p, null);
        Simulation secure = Simulator.load(c.siteFiles()).withSecureAggregation(true).run(new GlmMethod(), p, null);
        GlmResult a = (GlmResult) plain.result();
        GlmResult b = (GlmResult) secure.result();
        assertEquals(plain.rounds(), secure.rounds());
        for (Coefficient ca : a.coefficients()) {
            Coefficient cb = b.coefficient(ca.term());
            assertTrue(rel(cb.estimate(), ca.estimate()) <= 1e-10, name + " " + ca.term() + ": " + cb.estimate() + " vs " + ca.estimate());
            assertTrue(rel(cb.stdError(), ca.stdError()) <= 1e-10, name + " " + ca.term() + " SE");
        }
        assertTrue(rel(b.fit().deviance(), a.fit().deviance()) <= 1e-10, name + " deviance");
        assertTrue(secure.toJson().path("privacy").path("secure_aggregation").asBoolean());
        assertTrue(!plain.toJson().path("privacy").path("secure_aggregation").asBoolean());
        double[] cost = secure.secureAggregationSeconds();
        assertEquals(3, cost.length);
    }

    @Test
    void oneSiteCannotHideInASum() {
        ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
        MedfedException e = assertThrows(MedfedException.class, () -> Simulator.load(Map.of("site1", c.siteFiles().get("site1")))
                .withSecureAggregation(true).run(new GlmMethod(), GlmReferenceTest.parameters(c), null));
        assertTrue(e.getMessage().contains("at least 2 sites"), e.getMessage());
    }
}
