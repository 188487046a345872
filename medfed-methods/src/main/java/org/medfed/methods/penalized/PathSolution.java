package org.medfed.methods.penalized;

import org.medfed.methods.admm.Solution;

/**
 * The fit at one λ: original-scale coefficients (intercept first where the model has one, exact
 * zeros where the penalty put them), the objective at them, how the ADMM ended, the number of nonzero non-intercept
 * coefficients ({@code df}) and the fraction of the null deviance explained ({@code dev_ratio}).
 */
public record PathSolution(double lambda, double alpha, double[] estimate, double objective, double loss, int iterations,
                    boolean converged, double primalResidual, double dualResidual, double rho, int df,
                    double devRatio) {

    /** @param offset 1 where estimate[0] is the (unpenalized) intercept, else 0 */
    static PathSolution of(double lambda, double alpha, double[] estimate, int offset, Solution s, double nullDeviance,
                           double n) {
        int df = 0;
        for (int j = offset; j < estimate.length; j++) {
            if (estimate[j] != 0) {
                df++;
            }
        }
        // Both families' losses are deviance/(2n): −loglik/n for binomial, RSS/(2n) for gaussian. The null
        // deviance is the intercept-only model's, or without an intercept the model η = 0's (as glmnet's nulldev).
        double devRatio = 1 - 2 * n * s.loss() / nullDeviance;
        return new PathSolution(lambda, alpha, estimate.clone(), s.objective(), s.loss(), s.iterations(), s.converged(),
                s.primalResidual(), s.dualResidual(), s.rho(), df, devRatio);
    }
}
