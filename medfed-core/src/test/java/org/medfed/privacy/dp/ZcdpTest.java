package org.medfed.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZcdpTest {

    @Test
    void rhoOfGaussianNoise() {
        assertEquals(0.5, Zcdp.rho(1, 1));
        assertEquals(2.0 * 2.0 / (2 * 3.0 * 3.0), Zcdp.rho(2, 3), 1e-15);
        assertEquals(0.125, Zcdp.fromPure(0.5));
    }

    @Test
    void simpleConversionToEpsilonDelta() {
        assertEquals(0.5 + 2 * Math.sqrt(0.5 * Math.log(1e6)), Zcdp.epsilon(0.5, 1e-6), 1e-15);
        assertEquals(5.756521769756932, Zcdp.epsilon(0.5, 1e-6), 1e-12);
        assertEquals(0.0, Zcdp.epsilon(0, 1e-6));
    }

    // Independent values: scipy.optimize.minimize_scalar of the same objective over α.
    @ParameterizedTest
    @CsvSource({"0.5, 1e-6, 5.221534444530169", "0.1, 1e-5, 1.9142388320035977"})
    void tightConversionMatchesAnIndependentMinimization(double rho, double delta, double expected) {
        assertEquals(expected, Zcdp.epsilonTight(rho, delta), 1e-8);
    }

    @ParameterizedTest
    @CsvSource({"1e-4, 1e-5", "0.01, 1e-8", "0.5, 1e-6", "2, 1e-3", "20, 1e-10"})
    void tightConversionIsNeverWorseThanSimple(double rho, double delta) {
        assertTrue(Zcdp.epsilonTight(rho, delta) <= Zcdp.epsilon(rho, delta));
    }

    @Test
    void rhoOfRepeatedGaussianReleasesAddsUp() {
        // k releases at σ: kΔ²/(2σ²), the same as one release at σ/√k
        double k = 9;
        assertEquals(k * Zcdp.rho(1, 6), Zcdp.rho(1, 6 / Math.sqrt(k)), 1e-15);
    }
}
