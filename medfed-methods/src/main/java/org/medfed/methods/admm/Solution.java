package org.medfed.methods.admm;

/**
 * One solved consensus problem: the consensus {@code z} (which carries the penalty's exact zeros),
 * the number of z-updates it took, the last primal and dual residuals (Boyd §3.3) and the final ρ,
 * whether both residuals met their tolerances, and the objective {@code Σ_k f_k(z) + g(z)} with
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
}
