package org.medfed.privacy.dp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.function.Function;

/**
 * The power-of-two lattice γℤ (γ = 2^exponent) on which noisy releases live. A release is rounded
 * to the nearest multiple of γ, integer noise is added in units of γ, and only then converted back
 * to a double. Rounding first matters: the output's offset from the lattice would otherwise carry
 * the data's low-order bits straight through the noise. Converting the exact integer sum back to a
 * double (rounding if it exceeds 53 bits) is post-processing and cannot leak.
 *
 * <p>Indices are clamped to ±2^62 before noise: the clamp bound is B = 2^62·γ. Clamping is
 * 1-Lipschitz per element, so it never increases sensitivity; for the grids medfed chooses B is
 * at least 2^42 times the per-row sensitivity, far beyond any aggregate a site releases.
 */
public record Grid(int exponent) {

    static final long MAX_INDEX = 1L << 62;

    /** The coarsest power-of-two grid whose spacing is at most {@code spacing}. */
    public static Grid atMost(double spacing) {
        if (!(spacing >= Double.MIN_NORMAL) || Double.isInfinite(spacing)) {
            throw new IllegalArgumentException("grid spacing must be a normal positive double, got " + spacing);
        }
        return new Grid(Math.getExponent(spacing));
    }

    public double spacing() {
        return Math.scalb(1.0, exponent);
    }

    /** x/γ rounded to the nearest integer (ties to even), clamped to ±2^62. */
    public long index(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("cannot add noise to " + x + ": the release must be finite");
        }
        double y = Math.scalb(x, -exponent); // exact: γ is a power of two
        y = Math.max(-MAX_INDEX, Math.min(MAX_INDEX, y));
        return (long) Math.rint(y);
    }

    /** x rounded to this grid (with the clamp), as a double. */
    public double snap(double x) {
        return Math.scalb((double) index(x), exponent);
    }

    /** The double nearest to m·γ. */
    public double value(BigInteger m) {
        return Math.scalb(m.doubleValue(), exponent);
    }

    /** Whether x is exactly a multiple of γ. */
    public boolean contains(double x) {
        double y = Math.scalb(x, -exponent);
        return Double.isFinite(y) && y == Math.rint(y);
    }

    /** Rounds each element to the grid, adds one integer noise draw per element, converts back. */
    double[] addNoise(double[] release, SecureRandom rng, Function<SecureRandom, BigInteger> noise) {
        double[] out = new double[release.length];
        for (int i = 0; i < release.length; i++) {
            BigInteger m = BigInteger.valueOf(index(release[i]));
            out[i] = value(m.add(noise.apply(rng)));
        }
        return out;
    }
}
