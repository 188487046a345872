package org.medfed.methods.bayes;

/**
 * A site's Gaussian approximations of its rows' likelihood terms, kept at the site between rounds
 * and never released: for row i, the term is exp(−τᵢ f²/2 + νᵢ f) in the row's projection
 * {@code f = xᵢ'β}. {@link #sweep} visits every row once from the hub's posterior: it removes the
 * row's term (the cavity), matches the moments of cavity × σ(yᵢ f), damps the new term against the
 * old, and updates its working copy of the posterior by a rank-one (Sherman–Morrison) step so the
 * next row sees the change. Only the sums {@code Σ τᵢ xᵢxᵢ'} and {@code Σ νᵢ xᵢ} leave the site.
 */
final class RowTerms {
    private final double[][] x;
    private final double[] sign;
    private final double[] tau;
    private final double[] nu;
    private final int n;
    private final int p;

    /**
     * @param x column-major design (x[j][i]: column j, row i)
     * @param y the 0/1 outcomes
     */
    RowTerms(double[][] x, double[] y) {
        this.x = x;
        this.p = x.length;
        this.n = y.length;
        this.sign = new double[n];
        for (int i = 0; i < n; i++) {
            sign[i] = y[i] == 1 ? 1 : -1;
        }
        this.tau = new double[n];
        this.nu = new double[n];
    }

    /**
     * One damped EP sweep over the rows, starting from the posterior with mean {@code mean} and
     * covariance {@code cov} (row-major p×p), which must include this site's current terms.
     */
    void sweep(double[] mean, double[] cov, double damping) {
        double[] mu = mean.clone();
        double[] sigma = cov.clone();
        double[] xi = new double[p];
        double[] sx = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xi[j] = x[j][i];
            }
            double v = 0;
            double m = 0;
            for (int a = 0; a < p; a++) {
                double t = 0;
                for (int b = 0; b < p; b++) {
                    t += sigma[a * p + b] * xi[b];
                }
                sx[a] = t;
                v += xi[a] * t;
                m += xi[a] * mu[a];
            }
            double cavityPrecision = 1 / v - tau[i];
            if (!(cavityPrecision > 0)) {
                // An improper cavity (possible only transiently under parallel updates): leave this row's term as it is.
                continue;
            }
            double cavityVar = 1 / cavityPrecision;
            double cavityMean = cavityVar * (m / v - nu[i]);
            double[] tilted = TiltedMoments.of(cavityMean, cavityVar, sign[i]);
            double newTau = 1 / tilted[1] - cavityPrecision;
            double newNu = tilted[0] / tilted[1] - cavityMean / cavityVar;
            double dTau = damping * (newTau - tau[i]);
            double dNu = damping * (newNu - nu[i]);
            tau[i] += dTau;
            nu[i] += dNu;
            // Posterior precision gains dTau x x', shift gains dNu x: Sherman–Morrison on the covariance,
            // and μ' = Σ'(Σ⁻¹μ + dNu x) = μ + Σx (dNu − dTau m)/(1 + dTau v).
            double denom = 1 + dTau * v;
            double c = dTau / denom;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    sigma[a * p + b] -= c * sx[a] * sx[b];
                }
            }
            double g = (dNu - dTau * m) / denom;
            for (int a = 0; a < p; a++) {
                mu[a] += g * sx[a];
            }
        }
    }

    /** Σ τᵢ xᵢxᵢ' (row-major p×p): the precision matrix of the site's factor. */
    double[] precision() {
        double[] out = new double[p * p];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += tau[i] * x[a][i] * x[b][i];
                }
                out[a * p + b] = s;
                out[b * p + a] = s;
            }
        }
        return out;
    }

    /** Σ νᵢ xᵢ: the shift of the site's factor. */
    double[] shift() {
        double[] out = new double[p];
        for (int a = 0; a < p; a++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += nu[i] * x[a][i];
            }
            out[a] = s;
        }
        return out;
    }
}
