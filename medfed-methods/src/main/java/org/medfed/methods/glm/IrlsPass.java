package org.medfed.methods.glm;

import org.medfed.formula.Design;
import org.medfed.linalg.WeightedCrossProduct;

/**
 * One pass of a site over its design rows: the local sums of one IRLS iteration. This is the hot
 * loop of the method: the linear predictor is accumulated column by column (streaming, no row
 * objects), the family's per-row quantities fill two work arrays, and {@link WeightedCrossProduct}
 * forms {@code X'WX} and {@code X'Wv} over the column-major design.
 */
final class IrlsPass {
    /** Local sums of one pass; only these leave the site (through the release gate). */
    record Sums(double[] xtwx, double[] xtwv, double deviance, double logLik, double pearson, double boundaryRows) {
    }

    private IrlsPass() {
    }

    /** Linear predictor {@code Xβ + offset} over the design's columns. */
    static double[] linearPredictor(Design d, double[] beta) {
        int n = d.rowsUsed();
        double[] eta = d.offset() == null ? new double[n] : d.offset().clone();
        double[][] x = d.x();
        for (int j = 0; j < x.length; j++) {
            double b = beta[j];
            if (b == 0) {
                continue;
            }
            double[] xj = x[j];
            for (int i = 0; i < n; i++) {
                eta[i] += b * xj[i];
            }
        }
        return eta;
    }

    /**
     * R's first iteration: eta from the starting means (the family's, or given), the deviance
     * there, and the weighted least-squares system {@code X'WX, X'Wz} for the working response z.
     *
     * @param columns the design columns to use (all, or only the intercept for the null model)
     * @param eta     starting linear predictor, including the offset
     */
    static Sums start(GlmFamily family, Design d, double[][] columns, double[] eta) {
        int n = d.rowsUsed();
        double[] y = d.y();
        double[] off = d.offset();
        double[] pw = d.weights();
        double[] w = new double[n];
        double[] z = new double[n];
        double dev = 0;
        for (int i = 0; i < n; i++) {
            double wt = pw == null ? 1 : pw[i];
            double mu = family.linkinv(eta[i]);
            dev += family.devResid(y[i], mu, wt);
            double me = family.muEta(eta[i]);
            if (wt > 0 && me != 0) {
                w[i] = wt * me * me / family.variance(mu);
                z[i] = (eta[i] - (off == null ? 0 : off[i])) + (y[i] - mu) / me;
            }
        }
        int p = columns.length;
        double[] xtwx = new double[p * p];
        double[] xtwz = new double[p];
        WeightedCrossProduct.accumulate(columns, w, z, xtwx, xtwz);
        return new Sums(xtwx, xtwz, dev, 0, 0, 0);
    }

    /** Starting linear predictor from the family's starting means (R's {@code family$initialize}). */
    static double[] familyStart(GlmFamily family, Design d) {
        int n = d.rowsUsed();
        double[] eta = new double[n];
        double[] pw = d.weights();
        for (int i = 0; i < n; i++) {
            eta[i] = family.linkfun(family.startMu(d.y()[i], pw == null ? 1 : pw[i]));
        }
        return eta;
    }

    /**
     * Evaluation at the hub's current coefficients: deviance, log-likelihood, Pearson χ², rows at
     * the boundary, and the next iteration's {@code X'WX} and score {@code X'W(y − μ)/μ'}.
     */
    static Sums iterate(GlmFamily family, Design d, double[][] columns, double[] eta) {
        int n = d.rowsUsed();
        double[] y = d.y();
        double[] pw = d.weights();
        double[] w = new double[n];
        double[] r = new double[n];
        double dev = 0;
        double ll = 0;
        double pearson = 0;
        double boundary = 0;
        for (int i = 0; i < n; i++) {
            double wt = pw == null ? 1 : pw[i];
            double mu = family.linkinv(eta[i]);
            double yi = y[i];
            dev += family.devResid(yi, mu, wt);
            ll += family.logLik(yi, mu, wt);
            double var = family.variance(mu);
            if (wt > 0) {
                double res = yi - mu;
                pearson += wt * res * res / var;
            }
            if (family.atBoundary(mu)) {
                boundary++;
            }
            double me = family.muEta(eta[i]);
            if (wt > 0 && me != 0) {
                w[i] = wt * me * me / var;
                r[i] = (yi - mu) / me;
            }
        }
        int p = columns.length;
        double[] xtwx = new double[p * p];
        double[] score = new double[p];
        WeightedCrossProduct.accumulate(columns, w, r, xtwx, score);
        return new Sums(xtwx, score, dev, ll, pearson, boundary);
    }
}
