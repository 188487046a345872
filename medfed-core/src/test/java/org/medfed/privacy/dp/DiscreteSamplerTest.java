package org.medfed.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscreteSamplerTest {

    private static final int N = 20_000;

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 2", "1, 1", "5, 2", "7, 3"})
    void bernoulliExpFiresWithProbabilityExpMinusGamma(long num, long den) {
        SecureRandom rng = Samples.seeded(num * 31 + den);
        int hits = 0;
        for (int i = 0; i < N; i++) {
            if (DiscreteSampler.bernoulliExp(BigInteger.valueOf(num), BigInteger.valueOf(den), rng)) {
                hits++;
            }
        }
        double p = Math.exp(-(double) num / den);
        double se = Math.sqrt(p * (1 - p) / N);
        assertEquals(p, (double) hits / N, 5 * se + 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"1", "3", "10"})
    void discreteLaplaceMatchesItsPmf(long t) {
        SecureRandom rng = Samples.seeded(t);
        long[] draws = new long[N];
        for (int i = 0; i < N; i++) {
            draws[i] = DiscreteSampler.discreteLaplace(BigInteger.valueOf(t), rng).longValueExact();
        }
        double q = Math.exp(-1.0 / t);
        double p = Samples.chiSquarePValue(draws, x -> (1 - q) / (1 + q) * Math.pow(q, Math.abs(x)), (int) (8 * t));
        assertTrue(p > 0.001, "chi-square p = " + p);
    }

    @ParameterizedTest
    @CsvSource({"2, 1", "7, 3", "1, 4", "100, 1"})
    void discreteGaussianMatchesItsPmf(long num, long den) {
        SecureRandom rng = Samples.seeded(num * 7 + den);
        double sigma2 = (double) num / den;
        int range = (int) Math.ceil(8 * Math.sqrt(sigma2));
        double norm = 0;
        for (int x = -range - 50; x <= range + 50; x++) {
            norm += Math.exp(-x * (double) x / (2 * sigma2));
        }
        final double z = norm;
        long[] draws = new long[N];
        for (int i = 0; i < N; i++) {
            draws[i] = DiscreteSampler.discreteGaussian(BigInteger.valueOf(num), BigInteger.valueOf(den), rng)
                    .longValueExact();
        }
        double p = Samples.chiSquarePValue(draws, x -> Math.exp(-x * (double) x / (2 * sigma2)) / z, range);
        assertTrue(p > 0.001, "chi-square p = " + p);
    }

    @Test
    void sameSeedGivesTheSameDraws() {
        SecureRandom a = Samples.seeded(42);
        SecureRandom b = Samples.seeded(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(DiscreteSampler.discreteLaplace(BigInteger.valueOf(1000), a),
                    DiscreteSampler.discreteLaplace(BigInteger.valueOf(1000), b));
        }
    }

    @Test
    void uniformStaysInRange() {
        SecureRandom rng = Samples.seeded(5);
        BigInteger n = BigInteger.valueOf(5);
        int[] counts = new int[5];
        for (int i = 0; i < 5000; i++) {
            BigInteger u = DiscreteSampler.uniform(n, rng);
            assertTrue(u.signum() >= 0 && u.compareTo(n) < 0);
            counts[u.intValueExact()]++;
        }
        for (int c : counts) {
            assertEquals(1000, c, 5 * Math.sqrt(5000 * 0.2 * 0.8));
        }
    }
}
