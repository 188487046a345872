package org.medfed.privacy.dp;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One dataset's privacy budget at one site: a total (ε, δ) that all releases from the dataset,
 * over all jobs and analysts, may spend together.
 *
 * <p>Composition rule. Laplace releases compose by basic composition (their ε add up). Gaussian
 * releases compose in zCDP (their ρ add up). The two are combined by converting the zCDP total
 * to (ε, δ) with the whole budget δ and adding the pure ε (sequential composition of a pure and
 * an (ε, δ) guarantee): spent ε = Σε_Laplace + ρ + 2√(ρ ln(1/δ)). We do not convert Laplace to
 * zCDP (ρ = ε²/2) instead, because for the few releases a medical dataset typically sees that is
 * much worse: a single ε = 1 Laplace release would count as ε ≈ 5.7 at δ = 1e-6. The price of
 * the simple conversion is that one Gaussian release calibrated to (1, 1e-5) is charged about
 * ε = 1.32, not 1; the charge is honest for any number of later releases.
 *
 * <p>A charge that would push the combined ε above the limit is refused whole; totals are
 * unchanged. The comparison allows a relative 1e-12 for rounding in the sums, so that ten
 * charges of 0.1 fit a budget of 1.0; that slack is a privacy loss no one can measure.
 * Thread-safe.
 */
public final class PrivacyBudget {

    static final double SLACK = 1e-12;

    private final String dataset;
    private final double epsilonLimit;
    private final double deltaLimit;
    private int releases;
    private double pureEpsilon;
    private double rho;

    public PrivacyBudget(String dataset, double epsilonLimit, double deltaLimit) {
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("a privacy budget belongs to a named dataset");
        }
        if (!(epsilonLimit >= 0) || Double.isInfinite(epsilonLimit)) {
            throw new IllegalArgumentException("dataset " + dataset + ": ε budget must be finite and ≥ 0, got "
                    + epsilonLimit);
        }
        if (!(deltaLimit >= 0 && deltaLimit < 1)) {
            throw new IllegalArgumentException("dataset " + dataset + ": δ budget must lie in [0, 1), got " + deltaLimit);
        }
        this.dataset = dataset;
        this.epsilonLimit = epsilonLimit;
        this.deltaLimit = deltaLimit;
    }

    public String dataset() {
        return dataset;
    }

    public double epsilonLimit() {
        return epsilonLimit;
    }

    public double deltaLimit() {
        return deltaLimit;
    }

    public synchronized Spent spent() {
        return totals(releases, pureEpsilon, rho);
    }

    /** ε still available under the combined rule (never negative). */
    public synchronized double epsilonLeft() {
        return Math.max(0, epsilonLimit - spent().epsilon());
    }

    /** Charges the mechanism's per-release cost. */
    public Spent charge(Mechanism mechanism) {
        return charge(mechanism.cost());
    }

    /**
     * Charges one release: returns the new totals, or throws {@link BudgetExhaustedException}
     * and changes nothing.
     */
    public synchronized Spent charge(PrivacyCost cost) {
        Spent after = preview(cost);
        releases = after.releases();
        pureEpsilon = after.pureEpsilon();
        rho = after.rho();
        return after;
    }

    /** The totals {@code cost} would lead to, or the refusal; changes nothing. */
    public synchronized Spent preview(PrivacyCost cost) {
        if (cost.accounting() == PrivacyCost.Accounting.ZCDP && cost.rho() > 0 && deltaLimit == 0) {
            throw new BudgetExhaustedException(dataset, "dataset " + dataset
                    + ": privacy budget has δ = 0, so it cannot pay for Gaussian noise; use Laplace");
        }
        Spent before = spent();
        Spent after = added(cost);
        if (after.epsilon() > epsilonLimit * (1 + SLACK)) {
            throw new BudgetExhaustedException(dataset, "dataset " + dataset + ": privacy budget exhausted: "
                    + "this release needs ε=" + format(after.epsilon() - before.epsilon()) + ", "
                    + format(Math.max(0, epsilonLimit - before.epsilon())) + " of " + format(epsilonLimit) + " left");
        }
        return after;
    }

    /**
     * Adds a past charge without checking the limit: what the ledger replays on load, and what a
     * report replays from a ledger's entries. Never a way to release: that is {@link #charge}.
     */
    public synchronized Spent restore(PrivacyCost cost) {
        Spent after = added(cost);
        releases = after.releases();
        pureEpsilon = after.pureEpsilon();
        rho = after.rho();
        return after;
    }

    private Spent added(PrivacyCost cost) {
        return cost.accounting() == PrivacyCost.Accounting.PURE
                ? totals(releases + 1, pureEpsilon + cost.epsilon(), rho)
                : totals(releases + 1, pureEpsilon, rho + cost.rho());
    }

    private Spent totals(int n, double pure, double r) {
        if (r == 0) {
            return new Spent(dataset, n, pure, 0, pure, 0);
        }
        if (deltaLimit == 0) {
            // Only reachable by restoring a ledger written under an earlier, δ > 0 policy.
            return new Spent(dataset, n, pure, r, Double.POSITIVE_INFINITY, 0);
        }
        return new Spent(dataset, n, pure, r, pure + Zcdp.epsilon(r, deltaLimit), deltaLimit);
    }

    /** Four significant digits, always with a decimal point: 0.5, 0.3, 1.0, 1.317. */
    static String format(double x) {
        if (!Double.isFinite(x)) {
            return String.valueOf(x);
        }
        String s = new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }
}
