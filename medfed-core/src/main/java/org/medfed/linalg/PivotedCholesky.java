package org.medfed.linalg;

/**
 * Cholesky factorization of a symmetric positive semi-definite matrix that skips (aliases)
 * columns which are linear combinations of earlier ones, the way R's {@code glm} drops aliased
 * columns: in column order, each column is kept unless it is (numerically) in the span of the
 * columns kept before it; aliased columns get no coefficient ({@code NaN}).
 *
 * <p>The matrix is first equilibrated to unit diagonal, so the pivot of column j is
 * {@code 1 − R²_j} of column j regressed on the kept earlier columns. R's QR declares a column
 * aliased when its residual norm falls below {@code 1e-11} of its norm, i.e. {@code 1 − R² <
 * 1e-22}; a cross-product matrix cannot resolve that (its rounding noise is ~1e-16 relative and
 * grows with n), so here the threshold on {@code 1 − R²} is {@link #DEFAULT_TOLERANCE} = 1e-12:
 * exactly collinear columns measure below 1e-14 even at a million rows with large column means,
 * and a column R keeps is dropped only if it is collinear to within 1e-12 (standard errors
 * inflated a million-fold); a quadratic in calendar years (x, x² for x = 2000..2020, 1 − R² ≈
 * 1e-10) is kept, as R keeps it.
 */
public final class PivotedCholesky {
    public static final double DEFAULT_TOLERANCE = 1e-12;

    private final int p;
    private final boolean[] aliased;
    private final int[] kept;
    private final double[] scale;
    /** Lower-triangular factor of the kept, scaled submatrix, row-major r×r. */
    private final double[] l;

    private PivotedCholesky(int p, boolean[] aliased, int[] kept, double[] scale, double[] l) {
        this.p = p;
        this.aliased = aliased;
        this.kept = kept;
        this.scale = scale;
        this.l = l;
    }

    public static PivotedCholesky decompose(double[] a, int p) {
        return decompose(a, p, DEFAULT_TOLERANCE);
    }

    /**
     * @param a   symmetric p×p, row-major (only read)
     * @param tol threshold on 1 − R² below which a column is aliased
     */
    public static PivotedCholesky decompose(double[] a, int p, double tol) {
        double[] scale = new double[p];
        boolean[] aliased = new boolean[p];
        for (int j = 0; j < p; j++) {
            double d = a[j * p + j];
            if (!(d > 0) || !Double.isFinite(d)) {
                aliased[j] = true;
            } else {
                scale[j] = 1.0 / Math.sqrt(d);
            }
        }
        int[] keptTmp = new int[p];
        double[] lFull = new double[p * p];
        int r = 0;
        for (int j = 0; j < p; j++) {
            if (aliased[j]) {
                continue;
            }
            // Row r of L for candidate column j: L[r][c] for c < r, then the pivot.
            double[] row = new double[r];
            for (int c = 0; c < r; c++) {
                int kc = keptTmp[c];
                double s = a[j * p + kc] * scale[j] * scale[kc];
                for (int m = 0; m < c; m++) {
                    s -= row[m] * lFull[c * p + m];
                }
                row[c] = s / lFull[c * p + c];
            }
            double d = 1.0;
            for (int m = 0; m < r; m++) {
                d -= row[m] * row[m];
            }
            if (d < tol) {
                aliased[j] = true;
                continue;
            }
            System.arraycopy(row, 0, lFull, r * p, r);
            lFull[r * p + r] = Math.sqrt(d);
            keptTmp[r] = j;
            r++;
        }
        int[] kept = java.util.Arrays.copyOf(keptTmp, r);
        double[] l = new double[r * r];
        for (int i = 0; i < r; i++) {
            System.arraycopy(lFull, i * p, l, i * r, i + 1);
        }
        return new PivotedCholesky(p, aliased, kept, scale, l);
    }

    public int rank() {
        return kept.length;
    }

    public boolean isAliased(int j) {
        return aliased[j];
    }

    public boolean[] aliased() {
        return aliased.clone();
    }

    /** Solves {@code A x = b} on the kept columns; aliased entries of x are 0. */
    public double[] solve(double[] b) {
        int r = kept.length;
        double[] y = new double[r];
        for (int i = 0; i < r; i++) {
            double s = b[kept[i]] * scale[kept[i]];
            for (int m = 0; m < i; m++) {
                s -= l[i * r + m] * y[m];
            }
            y[i] = s / l[i * r + i];
        }
        for (int i = r - 1; i >= 0; i--) {
            double s = y[i];
            for (int m = i + 1; m < r; m++) {
                s -= l[m * r + i] * y[m];
            }
            y[i] = s / l[i * r + i];
        }
        double[] x = new double[p];
        for (int i = 0; i < r; i++) {
            x[kept[i]] = y[i] * scale[kept[i]];
        }
        return x;
    }

    /** The inverse of A on the kept columns (p×p row-major); rows/columns of aliased columns are NaN. */
    public double[] inverse() {
        int r = kept.length;
        // inv(L) by forward substitution, then inv(A_s) = inv(L)' inv(L).
        double[] li = new double[r * r];
        for (int c = 0; c < r; c++) {
            li[c * r + c] = 1.0 / l[c * r + c];
            for (int i = c + 1; i < r; i++) {
                double s = 0;
                for (int m = c; m < i; m++) {
                    s -= l[i * r + m] * li[m * r + c];
                }
                li[i * r + c] = s / l[i * r + i];
            }
        }
        double[] out = new double[p * p];
        java.util.Arrays.fill(out, Double.NaN);
        for (int i = 0; i < r; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int m = i; m < r; m++) {
                    s += li[m * r + i] * li[m * r + j];
                }
                double v = s * scale[kept[i]] * scale[kept[j]];
                out[kept[i] * p + kept[j]] = v;
                out[kept[j] * p + kept[i]] = v;
            }
        }
        return out;
    }
}
