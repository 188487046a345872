package org.medfed.methods.svm;

/**
 * How far an SVM fit can be from the optimum, proved from sums the sites release. The SVM's dual
 * (Lagrange over the hinge terms) is {@code D(α) = Σαᵢ − ½ vᵀP⁻¹v} with {@code v = Σ αᵢyᵢx̃ᵢ}, for
 * any α in the box [0, C]ⁿ; by weak duality {@code D(α) ≤ P* ≤ P(z)}. So the gap
 * {@code P(z) − D(α)} bounds the objective's excess at z over the optimum, whatever the ADMM's
 * residuals say. The α are the sites' local dual variables after a round's solve (each in [0, C]
 * by construction); at the ADMM's fixed point they solve the pooled dual, so the gap closes.
 *
 * @param primal the objective ½ zᵀPz + C Σ hinge at the consensus z
 * @param dual   the dual objective at the sites' α (a lower bound on the optimum)
 */
record DualityGap(double primal, double dual) {

    /** The gap from a round's sums: the loss at z plus the penalty, Σαᵢ and Σαᵢyᵢx̃ᵢ. */
    static DualityGap of(double primal, double alphaSum, double[] direction, QuadraticPenalty penalty) {
        return new DualityGap(primal, alphaSum - 0.5 * penalty.dualQuadratic(direction));
    }

    /** The bound on P(z) − P*; never negative (rounding can make the raw difference a few ulps below 0). */
    double absolute() {
        return Math.max(0, primal - dual);
    }

    /** The bound relative to the objective at z (which is positive: at z = 0 every hinge term is 1). */
    double relative() {
        return absolute() / primal;
    }
}
