package org.medfed.privacy.dp;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Calibrates the Gaussian mechanism's σ by the analytic Gaussian mechanism of Balle and Wang
 * (ICML 2018, Theorem 8): adding N(0, σ²) per element to a release of L2 sensitivity Δ is
 * (ε, δ)-DP if and only if
 * <pre>  Φ(Δ/(2σ) − εσ/Δ) − e^ε Φ(−Δ/(2σ) − εσ/Δ) ≤ δ.</pre>
 * The left side decreases in σ, so the smallest σ is found by bisection. This is exact where the
 * classic σ = Δ√(2 ln(1.25/δ))/ε (Dwork and Roth, Theorem A.1) is only a sufficient condition,
 * valid for ε &lt; 1, and often 20–30% larger.
 */
public final class AnalyticGaussian {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private AnalyticGaussian() {
    }

    /**
     * The δ achieved at ε by Gaussian noise of standard deviation {@code sigma} on a release of L2
     * sensitivity {@code sensitivity}: the left side of the condition above.
     */
    public static double delta(double sigma, double epsilon, double sensitivity) {
        double a = sensitivity / (2 * sigma);
        double b = epsilon * sigma / sensitivity;
        double first = STANDARD.cumulativeProbability(a - b);
        double tail = STANDARD.cumulativeProbability(-a - b);
        // e^ε Φ(·) in logs: for large ε, e^ε alone overflows while the product is tiny.
        double second = tail == 0 ? 0 : Math.exp(epsilon + Math.log(tail));
        return Math.max(0, first - second);
    }

    /** Whether N(0, σ²) noise gives (ε, δ)-DP for L2 sensitivity Δ. */
    public static boolean satisfies(double sigma, double epsilon, double delta, double sensitivity) {
        return delta(sigma, epsilon, sensitivity) <= delta;
    }

    /**
     * The smallest σ (to a relative 1e-12, rounded up so the condition holds) for which Gaussian
     * noise is (ε, δ)-DP for L2 sensitivity Δ.
     */
    public static double sigma(double epsilon, double delta, double sensitivity) {
        requireParameters(epsilon, delta, sensitivity);
        // Bracket: δ(σ) → 1 as σ → 0 and → 0 as σ → ∞, so doubling and halving always terminate.
        double hi = sensitivity;
        while (!satisfies(hi, epsilon, delta, sensitivity)) {
            hi *= 2;
        }
        double lo = hi;
        while (satisfies(lo, epsilon, delta, sensitivity)) {
            lo /= 2;
        }
        // Invariant: the condition fails at lo and holds at hi; return hi, never an unsafe σ.
        while (hi - lo > 1e-12 * hi) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (satisfies(mid, epsilon, delta, sensitivity)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** The classic calibration Δ√(2 ln(1.25/δ))/ε, proven only for ε &lt; 1; kept for comparison. */
    public static double classicSigma(double epsilon, double delta, double sensitivity) {
        requireParameters(epsilon, delta, sensitivity);
        return sensitivity * Math.sqrt(2 * Math.log(1.25 / delta)) / epsilon;
    }

    static void requireParameters(double epsilon, double delta, double sensitivity) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("ε must be positive and finite, got " + epsilon);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("δ must lie in (0, 1), got " + delta);
        }
        if (!(sensitivity > 0) || Double.isInfinite(sensitivity)) {
            throw new IllegalArgumentException("sensitivity must be positive and finite, got " + sensitivity);
        }
    }
}
