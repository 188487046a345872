package org.medfed.methods.admm;

/**
 * One solved consensus problem: the consensus {@code z} (which carries the penalty's exact zeros),
 * the number of z-updates it took, the last primal and dual residuals (Boyd §3.3; NaN when it
 * stopped in a problem's first round, before any residual existed) and the final ρ, whether it
 * stopped by rule (both residuals within their tolerances, or the method's own certificate) rather
 * than at the iteration limit, and the objective {@code Σ_k f_k(z) + g(z)} with
 * its loss part.
 */
public record Solution(double[] z, int iterations, double primalResidual, double dualResidual, double rho,
                       boolean converged, double loss, double objective) {

    public Solution {
        z = z.clone();
    }

    @Override
    public double[] z() {
        return z.clone();
    }

    /**
     * The same stopping state with another of the iterates as the answer: a method that proved a
     * better point among them (e.g. the lowest objective under a duality-gap certificate) reports
     * that one, with its objective and loss part.
     */
    public Solution at(double[] answer, double answerLoss, double answerObjective) {
        return new Solution(answer, iterations, primalResidual, dualResidual, rho, converged, answerLoss, answerObjective);
    }
}
