package org.medfed.methods.penalized;

/**
 * The working coordinates of the ADMM. With an intercept: each non-intercept column centred at its
 * pooled mean and divided by its pooled sd (1/n), the response (gaussian) centred at its mean.
 * Without an intercept nothing can be centred (a shift would change the model): each column is
 * divided by its pooled root mean square {@code sqrt(Σx²/n)} (which gives it unit scale in
 * {@code X̃'X̃/n}), the response is left as it is. ADMM converges slowly on badly scaled columns (a
 * weight in pounds beside 0/1 indicators); in these coordinates every column has unit scale, and
 * the penalty is rewritten per coordinate so that the objective is exactly glmnet's on the
 * original scale. θ are the working coefficients, b the original ones: {@code b_j = θ_j / s_j},
 * {@code b_0 = θ_0 + ȳ − Σ m_j b_j} (ȳ only where the response is centred). A constant column
 * (without an intercept) is "centred" at its value, so its working column is 0 and its coefficient
 * 0, as glmnet excludes constant columns.
 *
 * @param center    with an intercept the pooled means of the non-intercept columns; without one 0,
 *                  except a constant column's value
 * @param scale     the working scale of each penalized column: its pooled sd (1/n) with an intercept,
 *                  its root mean square without; 1 for a constant column
 * @param yCenter   the response's mean where the working response is centred (gaussian with an
 *                  intercept), else 0
 * @param n         the pooled number of rows
 * @param intercept whether the model has an (unpenalized) intercept, θ_0
 */
record Scaling(double[] center, double[] scale, double yCenter, double n, boolean intercept) {

    /** Number of unpenalized leading coefficients: 1 for the intercept, else 0. */
    int offset() {
        return intercept ? 1 : 0;
    }

    /** The original-scale coefficients (intercept first where there is one) of working coefficients θ; exact zeros stay zero. */
    double[] toOriginal(double[] theta) {
        double[] b = new double[theta.length];
        if (!intercept) {
            for (int j = 0; j < theta.length; j++) {
                // A constant column's working column is 0: its coefficient is 0 (the centring is only there to null it).
                b[j] = theta[j] == 0 || center[j] != 0 ? 0 : theta[j] / scale[j];
            }
            return b;
        }
        double intercept = theta[0] + yCenter;
        for (int j = 1; j < theta.length; j++) {
            b[j] = theta[j] == 0 ? 0 : theta[j] / scale[j - 1];
            intercept -= center[j - 1] * b[j];
        }
        b[0] = intercept;
        return b;
    }
}
