package org.medfed.privacy.dp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.security.SecureRandom;

/**
 * The Laplace mechanism for a release of per-row L1 sensitivity Δ₁: noise of scale b = Δ₁/ε per
 * element gives ε-DP. Sampled exactly as the discrete Laplace on the grid γℤ
 * ({@link DiscreteSampler#discreteLaplace}), never as {@code -b·ln(U)} in floating point.
 *
 * <p>Grid and its cost. γ is the largest power of two ≤ min(Δ₁/d, b)·2^−20 for a release of d
 * elements. Rounding each element to γℤ moves it by at most γ/2, so two neighbouring releases
 * differ after rounding by at most Δ₁' = Δ₁ + d·γ ≤ Δ₁(1 + 2^−20) in L1. The integer scale is
 * t = ⌈Δ₁'/(εγ)⌉, so the noise actually added has scale tγ ≥ Δ₁'/ε and the release is exactly
 * ε-DP at the requested ε: discretization is paid for in noise (at most a relative 2^−19 more
 * than b), not in ε.
 */
public final class LaplaceMechanism implements Mechanism {

    /** Grid resolution in bits below the noise scale and the per-element sensitivity. */
    static final int GRID_BITS = 20;

    private final double epsilon;
    private final double sensitivity;
    private final int dimension;
    private final Grid grid;
    private final BigInteger scaleUnits;

    private LaplaceMechanism(double epsilon, double sensitivity, int dimension, Grid grid, BigInteger scaleUnits) {
        this.epsilon = epsilon;
        this.sensitivity = sensitivity;
        this.dimension = dimension;
        this.grid = grid;
        this.scaleUnits = scaleUnits;
    }

    /** Calibrates for a release of {@code dimension} elements with per-row L1 sensitivity Δ₁. */
    public static LaplaceMechanism calibrate(double epsilon, double l1Sensitivity, int dimension) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("ε must be positive and finite, got " + epsilon);
        }
        if (!(l1Sensitivity > 0) || Double.isInfinite(l1Sensitivity)) {
            throw new IllegalArgumentException("L1 sensitivity must be positive and finite, got " + l1Sensitivity);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("a release has at least one element, got " + dimension);
        }
        double b = l1Sensitivity / epsilon;
        Grid grid = Grid.atMost(Math.scalb(Math.min(l1Sensitivity / dimension, b), -GRID_BITS));
        // t = ⌈(Δ₁ + d·γ)/(ε·γ)⌉ computed in exact decimal arithmetic, rounding only upwards.
        BigDecimal gamma = new BigDecimal(grid.spacing());
        BigDecimal rounded = new BigDecimal(l1Sensitivity).add(BigDecimal.valueOf(dimension).multiply(gamma));
        BigDecimal units = rounded.divide(new BigDecimal(epsilon).multiply(gamma), new MathContext(40, RoundingMode.CEILING));
        BigInteger t = units.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        return new LaplaceMechanism(epsilon, l1Sensitivity, dimension, grid, t);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Grid grid() {
        return grid;
    }

    /** The Laplace scale actually sampled, tγ (≥ Δ₁/ε). */
    public double scale() {
        return grid.value(scaleUnits);
    }

    @Override
    public NoiseReport report() {
        return new NoiseReport("laplace", scale(), epsilon, 0, Zcdp.fromPure(epsilon), sensitivity, Norm.L1,
                grid.spacing());
    }

    @Override
    public PrivacyCost cost() {
        return PrivacyCost.pure("laplace", epsilon);
    }

    @Override
    public double[] apply(double[] release, SecureRandom rng) {
        if (release.length != dimension) {
            throw new IllegalArgumentException("mechanism calibrated for " + dimension + " elements, release has "
                    + release.length);
        }
        return grid.addNoise(release, rng, r -> DiscreteSampler.discreteLaplace(scaleUnits, r));
    }
}
