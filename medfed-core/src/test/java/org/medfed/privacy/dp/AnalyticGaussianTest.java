package org.medfed.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalyticGaussianTest {

    // Independent values: scipy.optimize.brentq on the same condition with scipy.stats.norm.cdf.
    @ParameterizedTest
    @CsvSource({"1.0, 1e-5, 3.73063163481637", "0.5, 1e-6, 8.057618480724987"})
    void sigmaMatchesAnIndependentComputation(double epsilon, double delta, double expected) {
        double sigma = AnalyticGaussian.sigma(epsilon, delta, 1.0);
        assertEquals(expected, sigma, 1e-9 * expected);
    }

    @Test
    void conditionHoldsAtSigmaAndFailsJustBelow() {
        double sigma = AnalyticGaussian.sigma(1.0, 1e-5, 1.0);
        assertEquals(3.73, sigma, 0.005);
        assertTrue(AnalyticGaussian.satisfies(sigma, 1.0, 1e-5, 1.0));
        assertFalse(AnalyticGaussian.satisfies(0.99 * sigma, 1.0, 1e-5, 1.0));
    }

    @ParameterizedTest
    @CsvSource({"0.1, 1e-5", "0.5, 1e-5", "0.9, 1e-8", "0.99, 1e-3", "0.3, 1e-10"})
    void analyticNeverExceedsClassicBelowEpsilonOne(double epsilon, double delta) {
        double analytic = AnalyticGaussian.sigma(epsilon, delta, 1.0);
        double classic = AnalyticGaussian.classicSigma(epsilon, delta, 1.0);
        assertTrue(analytic <= classic, analytic + " > " + classic);
        // and the classic σ does satisfy the exact condition, as its theorem promises
        assertTrue(AnalyticGaussian.satisfies(classic, epsilon, delta, 1.0));
    }

    @Test
    void classicSigmaFormula() {
        assertEquals(Math.sqrt(2 * Math.log(1.25e5)), AnalyticGaussian.classicSigma(1.0, 1e-5, 1.0), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"0.01", "2.5", "1000"})
    void sigmaScalesWithSensitivity(double sensitivity) {
        double unit = AnalyticGaussian.sigma(0.7, 1e-6, 1.0);
        assertEquals(unit * sensitivity, AnalyticGaussian.sigma(0.7, 1e-6, sensitivity), 1e-9 * unit * sensitivity);
    }

    @Test
    void largeEpsilonStaysFiniteAndValid() {
        double sigma = AnalyticGaussian.sigma(50, 1e-9, 1.0);
        assertTrue(sigma > 0 && Double.isFinite(sigma));
        assertTrue(AnalyticGaussian.satisfies(sigma, 50, 1e-9, 1.0));
    }

    @Test
    void refusesNonsenseParameters() {
        assertThrows(IllegalArgumentException.class, () -> AnalyticGaussian.sigma(0, 1e-5, 1));
        assertThrows(IllegalArgumentException.class, () -> AnalyticGaussian.sigma(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> AnalyticGaussian.sigma(1, 1e-5, Double.NaN));
    }
}
