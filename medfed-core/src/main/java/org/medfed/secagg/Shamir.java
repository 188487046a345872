package org.medfed.secagg;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shamir's t-of-n secret sharing of 32-byte secrets over GF(p), p = 2^256 + 297 (the least prime
 * above 2^256, so every 32-byte secret is a field element). Shares have x = 1..n; any t of them
 * give the secret back, and t &minus; 1 reveal nothing about it. BigInteger is fine here: sharing
 * happens once per site and job, and reconstruction once per job (the first masked round), never
 * per element.
 */
public final class Shamir {
    /** 2^256 + 297. */
    public static final BigInteger PRIME = BigInteger.ONE.shiftLeft(256).add(BigInteger.valueOf(297));
    public static final int SECRET_BYTES = 32;

    private Shamir() {
    }

    /** Shares {@code secret} (32 bytes) among n parties so that any t recover it. */
    public static List<ShamirShare> split(byte[] secret, int n, int t, SecureRandom random) {
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("secrets are " + SECRET_BYTES + " bytes, got " + secret.length);
        }
        if (t < 1 || t > n) {
            throw new IllegalArgumentException("threshold " + t + " must be in 1.." + n);
        }
        BigInteger[] coefficients = new BigInteger[t];
        coefficients[0] = new BigInteger(1, secret);
        for (int i = 1; i < t; i++) {
            BigInteger c;
            do {
                c = new BigInteger(PRIME.bitLength(), random);
            } while (c.compareTo(PRIME) >= 0);
            coefficients[i] = c;
        }
        List<ShamirShare> shares = new ArrayList<>(n);
        for (int x = 1; x <= n; x++) {
            BigInteger bx = BigInteger.valueOf(x);
            BigInteger y = BigInteger.ZERO;
            for (int i = t - 1; i >= 0; i--) {
                y = y.multiply(bx).add(coefficients[i]).mod(PRIME);
            }
            shares.add(new ShamirShare(x, y));
        }
        return shares;
    }

    /** The secret from at least t shares with distinct x; fewer than t is refused. */
    public static byte[] combine(List<ShamirShare> shares, int t) {
        if (shares.size() < t) {
            throw new SecAggException("cannot reconstruct a secret from " + shares.size()
                    + " shares, threshold " + t);
        }
        return toSecret(interpolateAtZero(shares));
    }

    /**
     * The Lagrange weights at zero for shares held by the parties with these x coordinates: the
     * secret is &Sigma; weight_i &middot; y_i mod p. The hub reconstructs many secrets from the same
     * answering sites in one round, so it computes the weights (and their modular inverses) once,
     * not once per secret.
     */
    public static BigInteger[] weightsAtZero(int[] xs) {
        Set<Integer> seen = new HashSet<>();
        for (int x : xs) {
            if (!seen.add(x)) {
                throw new SecAggException("two shares with the same x = " + x);
            }
        }
        BigInteger[] weights = new BigInteger[xs.length];
        for (int i = 0; i < xs.length; i++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            BigInteger xi = BigInteger.valueOf(xs[i]);
            for (int j = 0; j < xs.length; j++) {
                if (j == i) {
                    continue;
                }
                BigInteger xj = BigInteger.valueOf(xs[j]);
                num = num.multiply(xj).mod(PRIME);
                den = den.multiply(xj.subtract(xi)).mod(PRIME);
            }
            weights[i] = num.multiply(den.modInverse(PRIME)).mod(PRIME);
        }
        return weights;
    }

    /** The secret from shares whose weights came from {@link #weightsAtZero}, in the same order. */
    public static byte[] combine(BigInteger[] weights, List<ShamirShare> shares) {
        if (weights.length != shares.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + shares.size() + " shares");
        }
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < weights.length; i++) {
            sum = sum.add(shares.get(i).y().multiply(weights[i]));
        }
        return toSecret(sum.mod(PRIME));
    }

    private static byte[] toSecret(BigInteger s) {
        if (s.bitLength() > 8 * SECRET_BYTES) {
            throw new SecAggException("shares are inconsistent: they do not lie on one polynomial of a 32-byte secret");
        }
        byte[] raw = s.toByteArray();
        byte[] out = new byte[SECRET_BYTES];
        int n = Math.min(raw.length, SECRET_BYTES);
        System.arraycopy(raw, raw.length - n, out, SECRET_BYTES - n, n);
        return out;
    }

    /** f(0) by Lagrange interpolation through all given shares, whatever their number. */
    static BigInteger interpolateAtZero(List<ShamirShare> shares) {
        int[] xs = new int[shares.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = shares.get(i).x();
        }
        BigInteger[] weights = weightsAtZero(xs);
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < xs.length; i++) {
            sum = sum.add(shares.get(i).y().multiply(weights[i]));
        }
        return sum.mod(PRIME);
    }
}
