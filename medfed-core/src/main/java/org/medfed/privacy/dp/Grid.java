package org.medfed.privacy.dp;

import java.math.BigDecimal;
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
 * <p>Indices are exact integers of any size ({@link BigInteger}); the only clamp is where x/γ
 * itself would overflow a double, at ±{@link Double#MAX_VALUE} grid steps, so the clamp bound is
 * B = Double.MAX_VALUE·γ, unreachable by any real aggregate. Clamping is 1-Lipschitz per
 * element, so it could not increase sensitivity anyway.
 */
public record Grid(int exponent) {

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

    /** x/γ rounded to the nearest integer (ties to even), exactly; clamped only where x/γ overflows. */
    public BigInteger index(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("cannot add noise to " + x + ": the release must be finite");
        }
        double y = Math.scalb(x, -exponent); // exact unless it overflows: γ is a power of two
        y = Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, y));
        // rint is exact, and every double of magnitude ≥ 2^52 is already an integer.
        return new BigDecimal(Math.rint(y)).toBigIntegerExact();
    }

    /** x rounded to this grid, as a double. */
    public double snap(double x) {
        return value(index(x));
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
            out[i] = value(index(release[i]).add(noise.apply(rng)));
        }
        return out;
    }
}
