package org.medfed.methods.glm;

import java.util.List;
import org.medfed.error.MedfedException;
import org.medfed.linalg.PivotedCholesky;

/**
 * The hub's side of R's {@code glm.fit} loop, driven by summed site quantities instead of rows.
 *
 * <p>Iteration {@code k} solves the weighted least-squares system built at the previous
 * coefficients. The first system is built at the family's starting means ({@code X'Wz}); later
 * ones arrive as an information matrix and a score at the current coefficients, and the step is
 * taken in the equivalent increment form {@code β + (X'WX)⁻¹ X'W(z − η)}, which keeps the fixed
 * point (score = 0) exact even when the information matrix is ill-conditioned. Convergence,
 * the iteration count, step halving on a non-finite deviance and the choice of the last
 * iteration's information matrix for the standard errors follow R.
 */
final class Irls {
    enum Status { CONTINUE, FINISHED }

    private final int p;
    private final double epsilon;
    private final int maxit;
    private final List<String> warnings;
    private double[] beta;
    private double[] betaOld;
    private PivotedCholesky information;
    private int iteration;
    private int halvings;
    private double devOld;
    private double deviance = Double.NaN;
    private boolean converged;
    private boolean boundary;

    Irls(int p, double epsilon, int maxit, List<String> warnings) {
        this.p = p;
        this.epsilon = epsilon;
        this.maxit = maxit;
        this.warnings = warnings;
    }

    /** Iteration 1 from the starting values' deviance and least-squares system. */
    void begin(double devStart, double[] xtwx, double[] xtwz) {
        devOld = devStart;
        information = PivotedCholesky.decompose(xtwx, p);
        beta = information.solve(xtwz);
        iteration = 1;
        checkFinite();
    }

    /**
     * Fold the evaluation at the current coefficients: their deviance, and the information
     * matrix and score there (used for the next step if not converged).
     */
    Status observe(double dev, double[] xtwx, double[] score) {
        if (!Double.isFinite(dev)) {
            if (betaOld == null) {
                throw new MedfedException("glm: no valid set of coefficients has been found (deviance is not finite at iteration "
                        + iteration + ")");
            }
            if (halvings == 0) {
                warnings.add("step size truncated due to divergence");
            }
            if (++halvings > maxit) {
                throw new MedfedException("glm: inner loop 1; cannot correct step size (iteration " + iteration + ")");
            }
            for (int j = 0; j < p; j++) {
                beta[j] = (beta[j] + betaOld[j]) / 2;
            }
            boundary = true;
            return Status.CONTINUE;
        }
        halvings = 0;
        deviance = dev;
        if (Math.abs(dev - devOld) / (0.1 + Math.abs(dev)) < epsilon) {
            converged = true;
            return Status.FINISHED;
        }
        if (iteration >= maxit) {
            return Status.FINISHED;
        }
        devOld = dev;
        betaOld = beta.clone();
        PivotedCholesky next = PivotedCholesky.decompose(xtwx, p);
        double[] rhs = score.clone();
        for (int a = 0; a < p; a++) {
            if (next.isAliased(a) && beta[a] != 0) {
                for (int j = 0; j < p; j++) {
                    rhs[j] += xtwx[j * p + a] * beta[a];
                }
            }
        }
        double[] delta = next.solve(rhs);
        for (int j = 0; j < p; j++) {
            beta[j] = next.isAliased(j) ? 0 : beta[j] + delta[j];
        }
        information = next;
        iteration++;
        checkFinite();
        return Status.CONTINUE;
    }

    private void checkFinite() {
        for (double b : beta) {
            if (!Double.isFinite(b)) {
                throw new MedfedException("glm: non-finite coefficients at iteration " + iteration);
            }
        }
    }

    double[] beta() {
        return beta.clone();
    }

    PivotedCholesky information() {
        return information;
    }

    int iteration() {
        return iteration;
    }

    double deviance() {
        return deviance;
    }

    boolean converged() {
        return converged;
    }

    boolean boundary() {
        return boundary;
    }
}
