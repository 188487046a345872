package org.medfed.methods.penalized;

import org.medfed.linalg.WeightedCrossProduct;
import org.medfed.methods.admm.LocalSolver;
import org.medfed.methods.admm.SpdCholesky;

/**
 * A site's logistic loss {@code (1/n) Σ [log(1 + e^η) − yη]} ({@code η = x̃'θ}, n the pooled rows)
 * in the working coordinates. The proximal step is strictly convex and is solved by Newton's
 * method with step halving, from the site's previous solution, to machine precision.
 */
final class LogisticSolver implements LocalSolver {
    private static final int MAX_NEWTON = 100;

    private final double[][] x;
    private final double[] y;
    private final double n;
    private final int p;
    private final int rows;

    /**
     * @param x the working design, column-major (x[0] all ones where the model has an intercept)
     * @param y the 0/1 outcomes
     * @param n the pooled number of rows
     */
    LogisticSolver(double[][] x, double[] y, double n) {
        this.x = x;
        this.y = y;
        this.n = n;
        this.p = x.length;
        this.rows = y.length;
    }

    private double[] eta(double[] theta) {
        double[] eta = new double[rows];
        for (int j = 0; j < p; j++) {
            double t = theta[j];
            if (t != 0) {
                double[] c = x[j];
                for (int i = 0; i < rows; i++) {
                    eta[i] += c[i] * t;
                }
            }
        }
        return eta;
    }

    private double loss(double[] theta, double[] eta) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double e = eta[i];
            s += (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - y[i] * e;
        }
        return s / n;
    }

    @Override
    public double loss(double[] z) {
        return loss(z, eta(z));
    }

    private static double proximal(double[] theta, double[] v, double rho) {
        double s = 0;
        for (int j = 0; j < theta.length; j++) {
            double d = theta[j] - v[j];
            s += d * d;
        }
        return 0.5 * rho * s;
    }

    @Override
    public double[] solve(double[] v, double rho, double[] start) {
        double[] theta = start.clone();
        double[] eta = eta(theta);
        double objective = loss(theta, eta) + proximal(theta, v, rho);
        double[] w = new double[rows];
        double[] r = new double[rows];
        for (int it = 0; it < MAX_NEWTON; it++) {
            for (int i = 0; i < rows; i++) {
                double mu = 1 / (1 + Math.exp(-eta[i]));
                w[i] = mu * (1 - mu) / n;
                r[i] = (mu - y[i]) / n;
            }
            double[] h = new double[p * p];
            WeightedCrossProduct.accumulate(x, w, null, h, null);
            double[] grad = new double[p];
            for (int j = 0; j < p; j++) {
                double s = 0;
                double[] c = x[j];
                for (int i = 0; i < rows; i++) {
                    s += c[i] * r[i];
                }
                grad[j] = s + rho * (theta[j] - v[j]);
                h[j * p + j] += rho;
            }
            double[] step = SpdCholesky.of(h, p).solve(grad);
            double decrement = 0;
            double biggest = 0;
            double size = 0;
            for (int j = 0; j < p; j++) {
                decrement += step[j] * grad[j];
                biggest = Math.max(biggest, Math.abs(step[j]));
                size = Math.max(size, Math.abs(theta[j]));
            }
            if (!(decrement > 0) || biggest <= 1e-15 * (1 + size)) {
                break;
            }
            double t = 1;
            double[] next = new double[p];
            double[] nextEta;
            double nextObjective;
            while (true) {
                for (int j = 0; j < p; j++) {
                    next[j] = theta[j] - t * step[j];
                }
                nextEta = eta(next);
                nextObjective = loss(next, nextEta) + proximal(next, v, rho);
                // Accept a decrease (or, within rounding, no increase: the last steps of Newton are below it).
                if (nextObjective <= objective + 1e-15 * Math.abs(objective) || t < 1e-10) {
                    break;
                }
                t /= 2;
            }
            theta = next;
            eta = nextEta;
            objective = nextObjective;
            if (t * biggest <= 1e-14 * (1 + size)) {
                break;
            }
        }
        return theta;
    }
}
