package org.medfed.methods.penalized;

import org.medfed.methods.admm.LocalSolver;
import org.medfed.methods.admm.SpdCholesky;

/**
 * A site's least-squares loss {@code ||ỹ − X̃θ||²/(2n)} in the working coordinates, held as the
 * cross-product matrix of {@code (X̃, ỹ)} formed once from the site's rows: every proximal step is
 * the linear system {@code (G/n + ρI) θ = X̃'ỹ/n + ρv}, whose Cholesky factor is kept until ρ
 * changes. Nothing here touches the rows again, and each round costs O(p²).
 */
final class GaussianSolver implements LocalSolver {
    private final int p;
    private final double[] gram;
    private final double[] xty;
    private final double yty;
    private final double n;
    private double factoredRho = Double.NaN;
    private SpdCholesky factor;

    /**
     * @param cross (p+1)×(p+1) row-major Σ w w' with w = (design row, working response)
     * @param n     pooled number of rows
     */
    GaussianSolver(double[] cross, int p, double n) {
        this.p = p;
        this.n = n;
        int w = p + 1;
        this.gram = new double[p * p];
        this.xty = new double[p];
        for (int a = 0; a < p; a++) {
            System.arraycopy(cross, a * w, gram, a * p, p);
            xty[a] = cross[a * w + p];
        }
        this.yty = cross[p * w + p];
    }

    @Override
    public double[] solve(double[] v, double rho, double[] start) {
        if (rho != factoredRho) {
            double[] h = new double[p * p];
            for (int i = 0; i < p * p; i++) {
                h[i] = gram[i] / n;
            }
            for (int j = 0; j < p; j++) {
                h[j * p + j] += rho;
            }
            factor = SpdCholesky.of(h, p);
            factoredRho = rho;
        }
        double[] rhs = new double[p];
        for (int j = 0; j < p; j++) {
            rhs[j] = xty[j] / n + rho * v[j];
        }
        return factor.solve(rhs);
    }

    @Override
    public double loss(double[] z) {
        double quad = 0;
        double lin = 0;
        for (int a = 0; a < p; a++) {
            double s = 0;
            for (int b = 0; b < p; b++) {
                s += gram[a * p + b] * z[b];
            }
            quad += z[a] * s;
            lin += z[a] * xty[a];
        }
        return (yty - 2 * lin + quad) / (2 * n);
    }
}
