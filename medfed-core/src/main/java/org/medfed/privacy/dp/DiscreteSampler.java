package org.medfed.privacy.dp;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Exact samplers of Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential
 * Privacy" (NeurIPS 2020), Algorithms 1–3. Every step is integer arithmetic on
 * {@link BigInteger}s and uniform integers drawn from the caller's {@link SecureRandom}; no
 * floating-point number is ever involved, so the output distribution is exactly the stated one
 * and carries no rounding artefacts an attacker could exploit (the failure Mironov showed for
 * textbook {@code -b·ln(U)} Laplace sampling, CCS 2012).
 *
 * <p>Running time depends on the random draws (a few iterations in expectation), not on the data
 * the noise is added to, which is chosen before sampling.
 */
public final class DiscreteSampler {

    private static final BigInteger TWO = BigInteger.TWO;

    private DiscreteSampler() {
    }

    /** A uniform integer in {0, …, n − 1}, by rejection (no modulo bias). */
    public static BigInteger uniform(BigInteger n, SecureRandom rng) {
        if (n.signum() <= 0) {
            throw new IllegalArgumentException("uniform range must be positive, got " + n);
        }
        int bits = n.bitLength();
        BigInteger r;
        do {
            r = new BigInteger(bits, rng);
        } while (r.compareTo(n) >= 0);
        return r;
    }

    /** Bernoulli(num/den) for 0 ≤ num ≤ den. */
    public static boolean bernoulli(BigInteger num, BigInteger den, SecureRandom rng) {
        if (num.signum() < 0 || num.compareTo(den) > 0) {
            throw new IllegalArgumentException("probability " + num + "/" + den + " outside [0, 1]");
        }
        return uniform(den, rng).compareTo(num) < 0;
    }

    /**
     * Bernoulli(exp(−num/den)) for num/den ≥ 0 (Algorithm 1): for γ ≤ 1 via the alternating
     * series, K ← 1; while Bernoulli(γ/K), K ← K + 1; return K odd; larger γ is split into
     * ⌊γ⌋ factors of e^{−1} and one of e^{−(γ − ⌊γ⌋)}.
     */
    public static boolean bernoulliExp(BigInteger num, BigInteger den, SecureRandom rng) {
        if (num.signum() < 0 || den.signum() <= 0) {
            throw new IllegalArgumentException("exp(−" + num + "/" + den + ") needs num ≥ 0, den > 0");
        }
        if (num.compareTo(den) <= 0) {
            BigInteger k = BigInteger.ONE;
            while (bernoulli(num, den.multiply(k), rng)) {
                k = k.add(BigInteger.ONE);
            }
            return k.testBit(0);
        }
        BigInteger[] qr = num.divideAndRemainder(den);
        for (BigInteger i = BigInteger.ZERO; i.compareTo(qr[0]) < 0; i = i.add(BigInteger.ONE)) {
            if (!bernoulliExp(BigInteger.ONE, BigInteger.ONE, rng)) {
                return false;
            }
        }
        return bernoulliExp(qr[1], den, rng);
    }

    /**
     * The discrete Laplace distribution on the integers with integer scale t:
     * P[X = x] ∝ exp(−|x|/t) (Algorithm 2 with s = 1). Its variance is 2e^{−1/t}/(1 − e^{−1/t})²,
     * which is 2t² − 1/6 + O(1/t²).
     */
    public static BigInteger discreteLaplace(BigInteger t, SecureRandom rng) {
        if (t.signum() <= 0) {
            throw new IllegalArgumentException("discrete Laplace scale must be a positive integer, got " + t);
        }
        while (true) {
            BigInteger u = uniform(t, rng);
            if (!bernoulliExp(u, t, rng)) {
                continue;
            }
            BigInteger v = BigInteger.ZERO;
            while (bernoulliExp(BigInteger.ONE, BigInteger.ONE, rng)) {
                v = v.add(BigInteger.ONE);
            }
            BigInteger x = u.add(t.multiply(v));
            boolean negative = rng.nextBoolean();
            if (negative && x.signum() == 0) {
                continue; // zero would otherwise be drawn twice as often as it should
            }
            return negative ? x.negate() : x;
        }
    }

    /**
     * The discrete Gaussian on the integers with parameter σ² = num/den:
     * P[X = x] ∝ exp(−x²/(2σ²)) (Algorithm 3): draw Y from the discrete Laplace with scale
     * t = ⌊σ⌋ + 1 and accept with probability exp(−(|Y| − σ²/t)²/(2σ²)).
     */
    public static BigInteger discreteGaussian(BigInteger sigma2Num, BigInteger sigma2Den, SecureRandom rng) {
        if (sigma2Num.signum() <= 0 || sigma2Den.signum() <= 0) {
            throw new IllegalArgumentException("σ² must be a positive rational, got " + sigma2Num + "/" + sigma2Den);
        }
        // ⌊√x⌋ = ⌊√⌊x⌋⌋ for real x ≥ 0, so ⌊σ⌋ is exact in integers.
        BigInteger t = sigma2Num.divide(sigma2Den).sqrt().add(BigInteger.ONE);
        // (|Y| − σ²/t)²/(2σ²) with σ² = n/d is (|Y|·d·t − n)² / (2·n·d·t²).
        BigInteger expDen = TWO.multiply(sigma2Num).multiply(sigma2Den).multiply(t).multiply(t);
        BigInteger dt = sigma2Den.multiply(t);
        while (true) {
            BigInteger y = discreteLaplace(t, rng);
            BigInteger diff = y.abs().multiply(dt).subtract(sigma2Num);
            if (bernoulliExp(diff.multiply(diff), expDen, rng)) {
                return y;
            }
        }
    }
}
