package org.medfed.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.apache.commons.statistics.distribution.LaplaceDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MechanismNoiseTest {

    private static final int N = 20_000;

    @ParameterizedTest
    @CsvSource({"1.0, 1.0, 11", "0.1, 2.0, 12", "3.0, 0.25, 13"})
    void laplaceNoiseFollowsTheLaplaceDistribution(double epsilon, double sensitivity, long seed) {
        LaplaceMechanism m = LaplaceMechanism.calibrate(epsilon, sensitivity, N);
        double b = m.scale();
        double[] noise = m.apply(new double[N], Samples.seeded(seed));

        double p = Samples.chiSquarePValue(noise, LaplaceDistribution.of(0, b), 50);
        assertTrue(p > 0.001, "chi-square p = " + p);
        // mean: sd 2b²/n; sample variance: its sd is √((μ₄ − σ⁴)/n) = √(20/n)·b² for the Laplace.
        assertEquals(0, Samples.mean(noise), 5 * Math.sqrt(2 * b * b / N));
        assertEquals(2 * b * b, Samples.variance(noise), 5 * Math.sqrt(20.0 / N) * b * b);
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1e-5, 1.0, 21", "0.5, 1e-6, 3.0, 22", "4.0, 1e-9, 0.5, 23"})
    void gaussianNoiseFollowsTheNormalDistribution(double epsilon, double delta, double sensitivity, long seed) {
        GaussianMechanism m = GaussianMechanism.calibrate(epsilon, delta, sensitivity, N);
        double sigma = m.sigma();
        double[] noise = m.apply(new double[N], Samples.seeded(seed));

        double p = Samples.chiSquarePValue(noise, NormalDistribution.of(0, sigma), 50);
        assertTrue(p > 0.001, "chi-square p = " + p);
        assertEquals(0, Samples.mean(noise), 5 * sigma / Math.sqrt(N));
        assertEquals(sigma * sigma, Samples.variance(noise), 5 * Math.sqrt(2.0 / N) * sigma * sigma);
    }

    @Test
    void laplaceScalePaysForRoundingInNoiseNotInEpsilon() {
        int d = 1000;
        LaplaceMechanism m = LaplaceMechanism.calibrate(0.5, 2.0, d);
        double gamma = m.grid().spacing();
        assertTrue(d * gamma <= 2.0 * Math.scalb(1.0, -LaplaceMechanism.GRID_BITS));
        // b ≥ (Δ + dγ)/ε, so rounding-widened sensitivity still gives exactly ε
        assertTrue(m.scale() * 0.5 >= 2.0 + d * gamma);
        assertTrue(m.scale() <= 4.0 * (1 + Math.scalb(1.0, -18)));
        assertEquals(0.5, m.cost().epsilon());
        assertEquals(0.0, m.cost().delta());
    }

    @Test
    void gaussianSigmaCoversRoundingAndRhoFollowsFromIt() {
        int d = 400;
        GaussianMechanism m = GaussianMechanism.calibrate(1.0, 1e-5, 1.0, d);
        double gamma = m.grid().spacing();
        double analytic = AnalyticGaussian.sigma(1.0, 1e-5, 1.0);
        assertTrue(m.sigma() >= analytic);
        assertTrue(m.sigma() <= analytic * (1 + Math.scalb(1.0, -18)));
        assertTrue(AnalyticGaussian.satisfies(m.sigma(), 1.0, 1e-5, 1.0 + Math.sqrt(d) * gamma));
        double rho = Zcdp.rho(1.0, m.sigma());
        assertEquals(rho, m.rho(), 1e-5 * rho);
        assertTrue(m.rho() >= rho);
    }

    @ParameterizedTest
    @CsvSource({"laplace", "gaussian"})
    void outputsLieOnTheGridAroundTheRoundedRelease(String kind) {
        Mechanism m = kind.equals("laplace") ? LaplaceMechanism.calibrate(1.0, 1.0, 5)
                : GaussianMechanism.calibrate(1.0, 1e-6, 1.0, 5);
        double[] release = {0.1234567890123, -7.000000001, 1e6 + Math.PI, 0, 123.456};
        SecureRandom rng = Samples.seeded(3);
        double[] out = m.apply(release, rng);
        Grid g = m.grid();
        for (int i = 0; i < release.length; i++) {
            assertTrue(g.contains(out[i]), out[i] + " is not a multiple of " + g.spacing());
            // the noise itself is a whole number of grid steps away from the rounded input
            assertTrue(g.contains(out[i] - g.snap(release[i])));
        }
        // same seed, same output: the release is reproducible for audit
        assertArrayEquals(out, m.apply(release, Samples.seeded(3)));
    }

    @Test
    void reportCarriesTheCalibration() {
        NoiseReport r = LaplaceMechanism.calibrate(0.5, 2.0, 3).report();
        assertEquals("laplace", r.mechanism());
        assertEquals(0.5, r.epsilon());
        assertEquals(0.125, r.rho());
        assertEquals(Norm.L1, r.norm());
        assertEquals("L1", r.toJson().get("norm").asText());
        assertEquals(r.scale(), r.toJson().get("scale").asDouble());

        GaussianMechanism g = GaussianMechanism.calibrate(1.0, 1e-5, 2.0, 3);
        var json = g.report().toJson();
        assertEquals(g.sigma(), json.get("sigma").asDouble());
        assertEquals(1e-5, json.get("delta").asDouble());
        assertEquals(g.rho(), json.get("rho").asDouble());
        assertEquals(2.0, json.get("sensitivity").asDouble());
        assertEquals(g.grid().spacing(), json.get("grid").asDouble());
    }

    @Test
    void refusesAReleaseOfTheWrongShapeOrNonFiniteValues() {
        LaplaceMechanism m = LaplaceMechanism.calibrate(1.0, 1.0, 2);
        SecureRandom rng = Samples.seeded(1);
        assertThrows(IllegalArgumentException.class, () -> m.apply(new double[3], rng));
        assertThrows(IllegalArgumentException.class, () -> m.apply(new double[] {1, Double.NaN}, rng));
        assertThrows(IllegalArgumentException.class, () -> LaplaceMechanism.calibrate(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GaussianMechanism.calibrate(1, 1e-5, 1, 0));
    }
}
