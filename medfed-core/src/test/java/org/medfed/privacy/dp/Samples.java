package org.medfed.privacy.dp;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/** Seeded randomness and goodness-of-fit helpers shared by the DP tests. */
final class Samples {

    private Samples() {
    }

    /** SHA1PRNG seeded before its first use is deterministic: same seed, same draws. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(("medfed-dp-test-" + seed).getBytes(StandardCharsets.US_ASCII));
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Pearson's chi-square p-value of {@code x} against {@code target}, over {@code bins}
     * equiprobable bins cut at the target's quantiles.
     */
    static double chiSquarePValue(double[] x, ContinuousDistribution target, int bins) {
        double[] edges = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            edges[i - 1] = target.inverseCumulativeProbability((double) i / bins);
        }
        long[] counts = new long[bins];
        for (double v : x) {
            int k = java.util.Arrays.binarySearch(edges, v);
            counts[k >= 0 ? k + 1 : -k - 1]++;
        }
        double expected = (double) x.length / bins;
        double stat = 0;
        for (long c : counts) {
            stat += (c - expected) * (c - expected) / expected;
        }
        return ChiSquaredDistribution.of(bins - 1).survivalProbability(stat);
    }

    /** Chi-square p-value of integer draws against a pmf over [-range, range], tails lumped into the end cells. */
    static double chiSquarePValue(long[] draws, java.util.function.LongToDoubleFunction pmf, int range) {
        double[] expected = new double[2 * range + 1];
        double inside = 0;
        for (int v = -range; v <= range; v++) {
            expected[v + range] = pmf.applyAsDouble(v);
            inside += expected[v + range];
        }
        double tail = Math.max(0, 1 - inside) / 2;
        expected[0] += tail;
        expected[2 * range] += tail;
        long[] counts = new long[2 * range + 1];
        for (long d : draws) {
            counts[(int) Math.max(-range, Math.min(range, d)) + range]++;
        }
        double stat = 0;
        int cells = 0;
        for (int i = 0; i < counts.length; i++) {
            double e = expected[i] * draws.length;
            if (e < 5) {
                continue; // cells this thin make Pearson's approximation unreliable; dropped symmetrically
            }
            stat += (counts[i] - e) * (counts[i] - e) / e;
            cells++;
        }
        return ChiSquaredDistribution.of(cells - 1).survivalProbability(stat);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
