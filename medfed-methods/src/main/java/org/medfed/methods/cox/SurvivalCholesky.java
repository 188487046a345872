package org.medfed.methods.cox;

/**
 * survival's {@code cholesky2}, {@code chsolve2} and {@code chinv2} (R package survival, C code),
 * ported line for line rather than replaced by a library: coxph's Newton steps, its variance and
 * above all its treatment of a singular information matrix (a pivot below {@code toler} times the
 * largest diagonal is set to zero, the step in that direction is zero and the coefficient is
 * reported as NA) are defined by these routines, and matching R's iterations needs them as they are.
 * Matrices are row-major {@code p × p}.
 */
final class SurvivalCholesky {
    /** coxph.control's default {@code toler.chol = .Machine$double.eps^0.75}. */
    static final double TOLERANCE = Math.pow(Math.ulp(1.0), 0.75);

    private final double[] m;
    private final int p;
    private final int rank;

    private SurvivalCholesky(double[] m, int p, int rank) {
        this.m = m;
        this.p = p;
        this.rank = rank;
    }

    /** Factors a copy of the symmetric matrix {@code a} (only its upper triangle is read). */
    static SurvivalCholesky of(double[] a, int p) {
        double[] m = a.clone();
        double eps = 0;
        for (int i = 0; i < p; i++) {
            if (m[i * p + i] > eps) {
                eps = m[i * p + i];
            }
            for (int j = i + 1; j < p; j++) {
                m[j * p + i] = m[i * p + j];
            }
        }
        eps = eps == 0 ? TOLERANCE : eps * TOLERANCE;
        int rank = 0;
        for (int i = 0; i < p; i++) {
            double pivot = m[i * p + i];
            if (!Double.isFinite(pivot) || pivot < eps) {
                m[i * p + i] = 0;
            } else {
                rank++;
                for (int j = i + 1; j < p; j++) {
                    double temp = m[j * p + i] / pivot;
                    m[j * p + i] = temp;
                    m[j * p + j] -= temp * temp * pivot;
                    for (int k = j + 1; k < p; k++) {
                        m[k * p + j] -= temp * m[k * p + i];
                    }
                }
            }
        }
        return new SurvivalCholesky(m, p, rank);
    }

    int rank() {
        return rank;
    }

    /** Whether column {@code j} was found singular (its coefficient is NA in R). */
    boolean singular(int j) {
        return m[j * p + j] == 0;
    }

    /** {@code chsolve2}: the solution of {@code A z = y}, zero in singular directions. */
    double[] solve(double[] y) {
        double[] z = y.clone();
        for (int i = 0; i < p; i++) {
            double temp = z[i];
            for (int j = 0; j < i; j++) {
                temp -= z[j] * m[i * p + j];
            }
            z[i] = temp;
        }
        for (int i = p - 1; i >= 0; i--) {
            if (m[i * p + i] == 0) {
                z[i] = 0;
            } else {
                double temp = z[i] / m[i * p + i];
                for (int j = i + 1; j < p; j++) {
                    temp -= z[j] * m[j * p + i];
                }
                z[i] = temp;
            }
        }
        return z;
    }

    /** {@code chinv2}: the (generalized) inverse, zero rows and columns where singular; symmetric, row-major. */
    double[] inverse() {
        double[] a = m.clone();
        for (int i = 0; i < p; i++) {
            if (a[i * p + i] > 0) {
                a[i * p + i] = 1 / a[i * p + i];
                for (int j = i + 1; j < p; j++) {
                    a[j * p + i] = -a[j * p + i];
                    for (int k = 0; k < i; k++) {
                        a[j * p + k] += a[j * p + i] * a[i * p + k];
                    }
                }
            }
        }
        for (int i = 0; i < p; i++) {
            if (a[i * p + i] == 0) {
                for (int j = 0; j < i; j++) {
                    a[j * p + i] = 0;
                }
                for (int j = i; j < p; j++) {
                    a[i * p + j] = 0;
                }
            } else {
                for (int j = i + 1; j < p; j++) {
                    double temp = a[j * p + i] * a[j * p + j];
                    a[i * p + j] = temp;
                    for (int k = i; k < j; k++) {
                        a[i * p + k] += temp * a[j * p + k];
                    }
                }
            }
        }
        double[] out = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                out[i * p + j] = a[i * p + j];
                out[j * p + i] = a[i * p + j];
            }
        }
        return out;
    }
}
