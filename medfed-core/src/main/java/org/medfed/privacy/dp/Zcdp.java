package org.medfed.privacy.dp;

/**
 * Zero-concentrated differential privacy (Bun and Steinke, TCC 2016): the accounting currency
 * for Gaussian noise. Gaussian noise of standard deviation σ on a release of L2 sensitivity Δ is
 * ρ-zCDP with ρ = Δ²/(2σ²) (their Proposition 1.6; for the discrete Gaussian, Canonne, Kamath and
 * Steinke 2020, Theorem 14), and ρ adds up under composition, which is far tighter over many
 * releases than adding per-release (ε, δ).
 */
public final class Zcdp {

    private Zcdp() {
    }

    /** ρ of Gaussian noise σ on a release of L2 sensitivity Δ: Δ²/(2σ²). */
    public static double rho(double sensitivity, double sigma) {
        double r = sensitivity / sigma;
        return r * r / 2;
    }

    /** Pure ε-DP implies (ε²/2)-zCDP (Bun and Steinke, Proposition 1.4). */
    public static double fromPure(double epsilon) {
        return epsilon * epsilon / 2;
    }

    /**
     * The simple conversion ρ-zCDP ⇒ (ε, δ)-DP with ε = ρ + 2√(ρ ln(1/δ)) (Bun and Steinke,
     * Proposition 1.3). This is what {@link PrivacyBudget} charges: it is easy to check by hand.
     */
    public static double epsilon(double rho, double delta) {
        requireRhoDelta(rho, delta);
        return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
    }

    /**
     * The tighter conversion of Canonne, Kamath and Steinke (2020, Corollary 13):
     * ε = inf over α &gt; 1 of αρ + (ln(1/δ) + (α−1) ln(1 − 1/α) − ln α)/(α − 1). Never larger
     * than {@link #epsilon(double, double)}; offered for reports, not used for charging yet.
     */
    public static double epsilonTight(double rho, double delta) {
        requireRhoDelta(rho, delta);
        if (rho == 0) {
            return 0;
        }
        // The objective is unimodal in log(α − 1); golden-section search over a wide bracket.
        double lo = Math.log(1e-9);
        double hi = Math.log(1e9);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        double f1 = tightObjective(Math.exp(x1) + 1, rho, delta);
        double f2 = tightObjective(Math.exp(x2) + 1, rho, delta);
        for (int i = 0; i < 200; i++) {
            if (f1 < f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - g * (hi - lo);
                f1 = tightObjective(Math.exp(x1) + 1, rho, delta);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + g * (hi - lo);
                f2 = tightObjective(Math.exp(x2) + 1, rho, delta);
            }
        }
        // Any α gives a valid ε; the minimum found is therefore safe even if not the exact infimum.
        return Math.max(0, Math.min(f1, f2));
    }

    static double tightObjective(double alpha, double rho, double delta) {
        double am1 = alpha - 1;
        return alpha * rho + (Math.log(1 / delta) + am1 * Math.log1p(-1 / alpha) - Math.log(alpha)) / am1;
    }

    private static void requireRhoDelta(double rho, double delta) {
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("ρ must be non-negative and finite, got " + rho);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("δ must lie in (0, 1), got " + delta);
        }
    }
}
