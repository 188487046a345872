package org.medfed.privacy.dp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The Gaussian mechanism for a release of per-row L2 sensitivity Δ₂: σ from the analytic
 * calibration ({@link AnalyticGaussian#sigma}), sampled exactly as the discrete Gaussian on the
 * grid γℤ ({@link DiscreteSampler#discreteGaussian}).
 *
 * <p>Grid and its cost. γ is the largest power of two ≤ min(Δ₂/√d, σ₀)·2^−20, σ₀ being the
 * analytic σ for Δ₂. Rounding to γℤ moves each of d elements by at most γ/2, so neighbouring
 * releases differ after rounding by at most Δ₂' = Δ₂ + √d·γ ≤ Δ₂(1 + 2^−20) in L2; σ is
 * calibrated for Δ₂' and then rounded up to a whole number S of grid steps. The accounted
 * guarantee is ρ = Δ₂'²/(2(Sγ)²)-zCDP, which the multivariate discrete Gaussian meets exactly
 * (Canonne, Kamath and Steinke 2020, Theorem 14). The reported per-release (ε, δ) is the
 * analytic guarantee of continuous noise of the same σ, a close approximation for discrete noise
 * of σ ≥ 2^20 grid steps but not a proof for it; the budget therefore relies only on ρ.
 */
public final class GaussianMechanism implements Mechanism {

    static final int GRID_BITS = LaplaceMechanism.GRID_BITS;

    private final double epsilon;
    private final double delta;
    private final double sensitivity;
    private final double roundedSensitivity;
    private final int dimension;
    private final Grid grid;
    private final BigInteger sigmaUnits;

    private GaussianMechanism(double epsilon, double delta, double sensitivity, double roundedSensitivity,
            int dimension, Grid grid, BigInteger sigmaUnits) {
        this.epsilon = epsilon;
        this.delta = delta;
        this.sensitivity = sensitivity;
        this.roundedSensitivity = roundedSensitivity;
        this.dimension = dimension;
        this.grid = grid;
        this.sigmaUnits = sigmaUnits;
    }

    /** Calibrates for a release of {@code dimension} elements with per-row L2 sensitivity Δ₂. */
    public static GaussianMechanism calibrate(double epsilon, double delta, double l2Sensitivity, int dimension) {
        AnalyticGaussian.requireParameters(epsilon, delta, l2Sensitivity);
        if (dimension < 1) {
            throw new IllegalArgumentException("a release has at least one element, got " + dimension);
        }
        double sigma0 = AnalyticGaussian.sigma(epsilon, delta, l2Sensitivity);
        double rootD = Math.sqrt(dimension);
        Grid grid = Grid.atMost(Math.scalb(Math.min(l2Sensitivity / rootD, sigma0), -GRID_BITS));
        // Two ulps up cover the rounding of the product and the sum: Δ₂' must not be understated.
        double rounded = Math.nextUp(Math.nextUp(l2Sensitivity + rootD * grid.spacing()));
        double sigma = AnalyticGaussian.sigma(epsilon, delta, rounded);
        double units = Math.ceil(Math.scalb(sigma, -grid.exponent()));
        BigInteger s = new BigDecimal(units).toBigIntegerExact();
        return new GaussianMechanism(epsilon, delta, l2Sensitivity, rounded, dimension, grid, s);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Grid grid() {
        return grid;
    }

    /** The σ actually sampled, Sγ (≥ the analytic σ). */
    public double sigma() {
        return grid.value(sigmaUnits);
    }

    /** ρ = Δ₂'²/(2σ²), rounded up by an ulp; the zCDP charge of one release. */
    public double rho() {
        return Math.nextUp(Zcdp.rho(roundedSensitivity, sigma()));
    }

    @Override
    public NoiseReport report() {
        return new NoiseReport("gaussian", sigma(), epsilon, delta, rho(), sensitivity, Norm.L2, grid.spacing());
    }

    @Override
    public PrivacyCost cost() {
        return PrivacyCost.zcdp("gaussian", epsilon, delta, rho());
    }

    @Override
    public double[] apply(double[] release, SecureRandom rng) {
        if (release.length != dimension) {
            throw new IllegalArgumentException("mechanism calibrated for " + dimension + " elements, release has "
                    + release.length);
        }
        BigInteger s2 = sigmaUnits.multiply(sigmaUnits);
        return grid.addNoise(release, rng, r -> DiscreteSampler.discreteGaussian(s2, BigInteger.ONE, r));
    }
}
