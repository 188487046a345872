package org.medfed.simulator;

import java.util.List;
import java.util.Random;

/**
 * The test's own pooled linear SVM, independent of the product code: liblinear's dual coordinate
 * descent for the L2-regularized L1-loss SVC (Hsieh et al. 2008, liblinear's {@code -s 3}) on all
 * rows in one place, with liblinear's bias convention (an appended constant feature B, regularized
 * like every weight): minimize ½||w||² + C Σᵢ max(0, 1 − yᵢ wᵀxᵢ). Run until the projected
 * gradient's spread is 1e-12 (liblinear stops at 0.1 by default), without shrinking, in a seeded
 * random order per sweep.
 */
final class PooledLinearSvm {
    private final double[][] x;
    private final double[] y;
    private final double cost;
    private double[] w;
    private double[] alpha;
    private int sweeps;

    /**
     * @param x    rows, each with the bias feature already appended (or none)
     * @param y    labels −1/+1
     * @param cost C
     */
    PooledLinearSvm(List<double[]> x, List<Double> y, double cost) {
        this.x = x.toArray(double[][]::new);
        this.y = new double[y.size()];
        for (int i = 0; i < this.y.length; i++) {
            this.y[i] = y.get(i);
        }
        this.cost = cost;
    }

    PooledLinearSvm fit(double tolerance, int maxSweeps) {
        int n = x.length;
        int p = x[0].length;
        w = new double[p];
        alpha = new double[n];
        double[] qii = new double[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            for (double v : x[i]) {
                qii[i] += v * v;
            }
        }
        Random random = new Random(20081);
        for (sweeps = 1; sweeps <= maxSweeps; sweeps++) {
            for (int k = n - 1; k > 0; k--) {
                int r = random.nextInt(k + 1);
                int t = order[k];
                order[k] = order[r];
                order[r] = t;
            }
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            for (int i : order) {
                double g = y[i] * dot(w, x[i]) - 1;
                double pg = alpha[i] == 0 ? Math.min(g, 0) : alpha[i] == cost ? Math.max(g, 0) : g;
                hi = Math.max(hi, pg);
                lo = Math.min(lo, pg);
                if (pg != 0) {
                    double old = alpha[i];
                    alpha[i] = Math.min(Math.max(old - g / qii[i], 0), cost);
                    double d = (alpha[i] - old) * y[i];
                    for (int j = 0; j < p; j++) {
                        w[j] += d * x[i][j];
                    }
                }
            }
            if (hi - lo <= tolerance) {
                return this;
            }
        }
        throw new AssertionError("the pooled reference did not reach " + tolerance + " in " + maxSweeps + " sweeps");
    }

    double[] weights() {
        return w.clone();
    }

    int sweeps() {
        return sweeps;
    }

    /** ½||w||² + C Σ hinge at {@code v}. */
    double primal(double[] v) {
        double hinge = 0;
        for (int i = 0; i < x.length; i++) {
            hinge += Math.max(0, 1 - y[i] * dot(v, x[i]));
        }
        return 0.5 * dot(v, v) + cost * hinge;
    }

    /** The dual objective at the fitted α: Σα − ½||Σ αᵢyᵢxᵢ||² (a lower bound on every primal value). */
    double dual() {
        double s = 0;
        for (double a : alpha) {
            s += a;
        }
        return s - 0.5 * dot(w, w);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
