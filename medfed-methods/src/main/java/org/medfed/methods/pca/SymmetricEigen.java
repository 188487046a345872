package org.medfed.methods.pca;

import java.util.Arrays;

/**
 * Eigen decomposition of a real symmetric matrix by the cyclic Jacobi method: plane rotations
 * annihilate each off-diagonal element in turn until the off-diagonal mass is below rounding
 * level. Slower than tridiagonal QR but simple and accurate to high relative precision in the
 * eigenvalues — PCA matrices are as small as the number of columns analysed, so speed does not
 * matter and no linear-algebra library is in the build.
 *
 * @param values  eigenvalues, largest first
 * @param vectors {@code vectors[i][j]}: component i of the unit eigenvector of {@code values[j]}
 *                (eigenvectors are the columns); signs as the rotations leave them
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
    private static final int MAX_SWEEPS = 100;
    private static final double EPSILON = Math.ulp(1.0);

    /** Decomposes {@code matrix}, which must be square, symmetric and finite (only its upper triangle is read). */
    public static SymmetricEigen of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][n];
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has " + matrix[i].length
                        + " elements, expected " + n);
            }
            for (int j = i; j < n; j++) {
                if (!Double.isFinite(matrix[i][j])) {
                    throw new IllegalArgumentException("matrix element [" + i + "][" + j + "] is not finite");
                }
                a[i][j] = matrix[i][j];
                a[j][i] = matrix[i][j];
            }
            v[i][i] = 1;
        }
        double total = 0;
        for (double[] row : a) {
            for (double x : row) {
                total += x * x;
            }
        }
        int sweep = 0;
        while (offDiagonal(a) > EPSILON * EPSILON * total) {
            if (++sweep > MAX_SWEEPS) {
                // Jacobi converges quadratically; reaching this means the input was not what the contract says.
                throw new IllegalStateException("Jacobi eigen decomposition did not converge in " + MAX_SWEEPS + " sweeps");
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        return sorted(a, v);
    }

    private static double offDiagonal(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                s += 2 * a[i][j] * a[i][j];
            }
        }
        return s;
    }

    /** A ← JᵀAJ and V ← VJ with the rotation J in plane (p, q) that zeroes a[p][q] (the smaller angle, for stability). */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static SymmetricEigen sorted(double[][] a, double[][] v) {
        int n = a.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            values[j] = a[order[j]][order[j]];
            for (int i = 0; i < n; i++) {
                vectors[i][j] = v[i][order[j]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }
}
