package org.medfed.privacy.dp;

/**
 * What one release costs a dataset's budget, and in which currency it is accounted. Pure
 * releases (Laplace) are charged their ε by basic composition; Gaussian releases are charged
 * their ρ under zCDP. The per-release ε and δ are carried for the ledger and reports only.
 */
public record PrivacyCost(String mechanism, Accounting accounting, double epsilon, double delta, double rho) {

    /** How a release composes with others on the same dataset. */
    public enum Accounting {
        /** Pure ε-DP: ε adds up. */
        PURE,
        /** ρ-zCDP: ρ adds up, converted to (ε, δ) against the budget's δ. */
        ZCDP
    }

    public PrivacyCost {
        if (mechanism == null || mechanism.isBlank()) {
            throw new IllegalArgumentException("a privacy cost names its mechanism");
        }
        if (accounting == null) {
            throw new IllegalArgumentException("a privacy cost says how it is accounted");
        }
        requireNonNegative("ε", epsilon);
        requireNonNegative("δ", delta);
        requireNonNegative("ρ", rho);
        if (accounting == Accounting.PURE && delta != 0) {
            throw new IllegalArgumentException("a pure ε-DP release has δ = 0, got " + delta);
        }
    }

    public static PrivacyCost pure(String mechanism, double epsilon) {
        return new PrivacyCost(mechanism, Accounting.PURE, epsilon, 0, Zcdp.fromPure(epsilon));
    }

    public static PrivacyCost zcdp(String mechanism, double epsilon, double delta, double rho) {
        return new PrivacyCost(mechanism, Accounting.ZCDP, epsilon, delta, rho);
    }

    private static void requireNonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be non-negative and finite, got " + v);
        }
    }
}
