package org.medfed.privacy.dp;

/**
 * The total (ε, δ) a site's policy allows one dataset to spend over its lifetime. δ = 0 allows
 * only pure (Laplace) releases.
 */
public record BudgetLimit(double epsilon, double delta) {

    public BudgetLimit {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("ε budget must be finite and ≥ 0, got " + epsilon);
        }
        if (!(delta >= 0 && delta < 1)) {
            throw new IllegalArgumentException("δ budget must lie in [0, 1), got " + delta);
        }
    }
}
