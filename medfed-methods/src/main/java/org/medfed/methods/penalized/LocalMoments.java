package org.medfed.methods.penalized;

import java.util.Arrays;
import org.medfed.linalg.WeightedCrossProduct;

/**
 * One pass of a site over its rows for the non-intercept design columns and the response: the
 * local means, and either the full cross-product matrix about those means (gaussian: everything the
 * site will ever need of its rows) or only its diagonal (binomial). Centring at the local means
 * keeps the cross-products accurate where columns have large means; {@link #shifted} moves them to
 * the pooled means exactly.
 *
 * @param rows   the site's number of rows
 * @param mean   local means of the q columns (the non-intercept design columns, then y)
 * @param cross  Σ (a − mean)(a − mean)' over rows, q×q row-major (gaussian), or null
 * @param square Σ (a − mean)² over rows for each column
 */
record LocalMoments(int rows, double[] mean, double[] cross, double[] square) {

    /**
     * @param columns the q columns (each of length rows)
     * @param full    whether to form the full cross-product matrix
     */
    static LocalMoments of(double[][] columns, int rows, boolean full) {
        int q = columns.length;
        double[] mean = new double[q];
        for (int j = 0; j < q; j++) {
            double s = 0;
            for (double v : columns[j]) {
                s += v;
            }
            mean[j] = rows == 0 ? 0 : s / rows;
        }
        double[] square = new double[q];
        double[] cross = null;
        if (full) {
            cross = new double[q * q];
            int block = 512;
            double[][] buffer = new double[q][];
            double[] ones = null;
            for (int start = 0; start < rows; start += block) {
                int len = Math.min(block, rows - start);
                if (ones == null || ones.length != len) {
                    ones = new double[len];
                    Arrays.fill(ones, 1);
                    for (int j = 0; j < q; j++) {
                        buffer[j] = new double[len];
                    }
                }
                for (int j = 0; j < q; j++) {
                    double[] c = columns[j];
                    double[] b = buffer[j];
                    double m = mean[j];
                    for (int i = 0; i < len; i++) {
                        b[i] = c[start + i] - m;
                    }
                }
                WeightedCrossProduct.accumulate(buffer, ones, null, cross, null);
            }
            for (int j = 0; j < q; j++) {
                square[j] = cross[j * q + j];
            }
        } else {
            for (int j = 0; j < q; j++) {
                double s = 0;
                double m = mean[j];
                for (double v : columns[j]) {
                    s += (v - m) * (v - m);
                }
                square[j] = s;
            }
        }
        return new LocalMoments(rows, mean, cross, square);
    }

    /** Σ a_j over rows. */
    double[] sums() {
        double[] s = new double[mean.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = rows * mean[j];
        }
        return s;
    }

    /** Σ a_j² over rows. */
    double[] squares() {
        double[] s = new double[mean.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = square[j] + rows * mean[j] * mean[j];
        }
        return s;
    }

    /**
     * Σ w w' over rows for {@code w = (1, (x − m)/s, y − ȳ)} at the pooled means and sds (without an
     * intercept {@code w = ((x − m)/s, y)}, m 0 but for constant columns, see {@link Scaling}): the
     * row-major matrix the gaussian solver works with, from the local cross-products
     * (Σ (a − g)(a − g)' = C + n_k d d' with d = local mean − g).
     */
    double[] shifted(Scaling scaling) {
        int q = mean.length;
        int off = scaling.offset();
        int w = q + off;
        double[] d = new double[q];
        double[] f = new double[q];
        for (int j = 0; j < q; j++) {
            double g = j < q - 1 ? scaling.center()[j] : scaling.yCenter();
            d[j] = mean[j] - g;
            f[j] = j < q - 1 ? 1 / scaling.scale()[j] : 1;
        }
        double[] out = new double[w * w];
        if (off == 1) {
            out[0] = rows;
        }
        for (int a = 0; a < q; a++) {
            double v = rows * d[a] * f[a];
            if (off == 1) {
                out[a + 1] = v;
                out[(a + 1) * w] = v;
            }
            for (int b = 0; b < q; b++) {
                out[(a + off) * w + b + off] = (cross[a * q + b] + rows * d[a] * d[b]) * f[a] * f[b];
            }
        }
        return out;
    }
}
