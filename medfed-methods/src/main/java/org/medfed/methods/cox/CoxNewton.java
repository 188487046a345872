package org.medfed.methods.cox;

/**
 * The Newton–Raphson iteration of survival's {@code coxfit6}, fed one evaluation of the log
 * partial likelihood, score and information at a time (each one a federated round). It starts
 * at β = 0; the first evaluation gives the null log-likelihood and the score test; afterwards it
 * stops when {@code |1 − loglik_old/loglik| ≤ eps} (not while halving), halves the step when the
 * log-likelihood decreased, and otherwise takes the Newton step — as {@code coxfit6} does, so the
 * iteration count and the final β (the last point evaluated) are R's.
 */
final class CoxNewton {
    enum Status { CONTINUE, CONVERGED, MAX_ITERATIONS }

    private final int p;
    private final double eps;
    private final int maxit;
    private double[] beta;
    private double[] newBeta;
    private double loglikOld;
    private double loglikNull = Double.NaN;
    private double loglikFinal = Double.NaN;
    private double scoreTest = Double.NaN;
    private boolean halving;
    private int iteration;
    private double[] information;

    CoxNewton(int p, double eps, int maxit) {
        this.p = p;
        this.eps = eps;
        this.maxit = maxit;
        this.beta = new double[p];
        this.newBeta = new double[p];
    }

    /** Where the next evaluation is wanted. */
    double[] point() {
        return newBeta.clone();
    }

    /** Folds the evaluation at {@link #point()}. */
    Status observe(double loglik, double[] score, double[] info) {
        if (!Double.isFinite(loglik)) {
            throw new org.medfed.error.MedfedException("cox: the log partial likelihood is not finite at iteration "
                    + iteration + " (exp(linear predictor) overflowed); the covariates may need rescaling");
        }
        information = info.clone();
        SurvivalCholesky chol = SurvivalCholesky.of(info, p);
        if (Double.isNaN(loglikNull)) {
            loglikNull = loglik;
            loglikOld = loglik;
            double[] a = chol.solve(score);
            double s = 0;
            for (int i = 0; i < p; i++) {
                s += score[i] * a[i];
            }
            scoreTest = s;
            for (int i = 0; i < p; i++) {
                newBeta[i] = beta[i] + a[i];
            }
            if (maxit == 0) {
                loglikFinal = loglik;
                newBeta = beta.clone();
                return Status.MAX_ITERATIONS;
            }
            iteration = 1;
            return Status.CONTINUE;
        }
        if (Math.abs(1 - loglikOld / loglik) <= eps && !halving) {
            loglikFinal = loglik;
            return Status.CONVERGED;
        }
        if (iteration == maxit) {
            loglikFinal = loglik;
            return Status.MAX_ITERATIONS;
        }
        if (loglik < loglikOld) {
            halving = true;
            for (int i = 0; i < p; i++) {
                newBeta[i] = (newBeta[i] + beta[i]) / 2;
            }
        } else {
            halving = false;
            loglikOld = loglik;
            double[] step = chol.solve(score);
            for (int i = 0; i < p; i++) {
                beta[i] = newBeta[i];
                newBeta[i] = newBeta[i] + step[i];
            }
        }
        iteration++;
        return Status.CONTINUE;
    }

    /** The estimate: the last point evaluated. */
    double[] estimate() {
        return newBeta.clone();
    }

    /** The information matrix at the estimate. */
    double[] information() {
        return information.clone();
    }

    int iterations() {
        return iteration;
    }

    double loglikNull() {
        return loglikNull;
    }

    double loglikFinal() {
        return loglikFinal;
    }

    double scoreTest() {
        return scoreTest;
    }
}
