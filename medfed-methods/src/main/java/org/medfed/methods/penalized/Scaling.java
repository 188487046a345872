package org.medfed.methods.penalized;

/**
 * The working coordinates of the ADMM: each non-intercept column centred at its pooled mean and
 * divided by its pooled sd (1/n), the response (gaussian) centred at its mean. ADMM converges
 * slowly on badly scaled columns (a weight in pounds beside 0/1 indicators); in these coordinates
 * every column has unit scale, and the penalty is rewritten per coordinate so that the objective
 * is exactly glmnet's on the original scale. θ are the working coefficients, b the original ones:
 * {@code b_j = θ_j / s_j}, {@code b_0 = θ_0 + ȳ − Σ m_j b_j} (ȳ only where the response is centred).
 *
 * @param center    pooled means of the non-intercept columns
 * @param scale     pooled sds (1/n) of those columns, 1 for a constant column
 * @param yCenter   the response's mean where the working response is centred (gaussian), else 0
 * @param n         the pooled number of rows
 */
record Scaling(double[] center, double[] scale, double yCenter, double n) {

    /** The original-scale coefficients (intercept first) of working coefficients θ; exact zeros stay zero. */
    double[] toOriginal(double[] theta) {
        double[] b = new double[theta.length];
        double intercept = theta[0] + yCenter;
        for (int j = 1; j < theta.length; j++) {
            b[j] = theta[j] == 0 ? 0 : theta[j] / scale[j - 1];
            intercept -= center[j - 1] * b[j];
        }
        b[0] = intercept;
        return b;
    }
}
