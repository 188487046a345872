package org.medfed.methods.admm;

/**
 * Cholesky factor of a symmetric positive definite matrix (row-major p×p), for the local solvers'
 * repeated solves with {@code H + ρI}: factor once per ρ in O(p³), then each solve is O(p²).
 * Unlike {@link org.medfed.linalg.PivotedCholesky} it never drops a column: {@code + ρI} makes the
 * matrix definite, and a pivot that is not positive is a bug (or a non-finite input), reported.
 */
public final class SpdCholesky {
    private final int p;
    private final double[] l;

    private SpdCholesky(int p, double[] l) {
        this.p = p;
        this.l = l;
    }

    /** Factors {@code a} (only its lower triangle is read). */
    public static SpdCholesky of(double[] a, int p) {
        double[] l = new double[p * p];
        for (int j = 0; j < p; j++) {
            double d = a[j * p + j];
            for (int k = 0; k < j; k++) {
                d -= l[j * p + k] * l[j * p + k];
            }
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new ArithmeticException("matrix is not positive definite (pivot " + j + " = " + d + ")");
            }
            double ljj = Math.sqrt(d);
            l[j * p + j] = ljj;
            for (int i = j + 1; i < p; i++) {
                double s = a[i * p + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * p + k] * l[j * p + k];
                }
                l[i * p + j] = s / ljj;
            }
        }
        return new SpdCholesky(p, l);
    }

    /** The solution of {@code A x = b}. */
    public double[] solve(double[] b) {
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * p + k] * y[k];
            }
            y[i] = s / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k * p + i] * y[k];
            }
            y[i] = s / l[i * p + i];
        }
        return y;
    }
}
