package org.medfed.methods.pca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The Jacobi eigen decomposition against known spectra and the defining identities on seeded random matrices. */
class SymmetricEigenTest {

    @Test
    void knownTwoByTwoAndDiagonalSpectra() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        assertEquals(3, e.values()[0], 1e-15);
        assertEquals(1, e.values()[1], 1e-15);
        assertEquals(1 / Math.sqrt(2), Math.abs(e.vectors()[0][0]), 1e-15);
        assertEquals(e.vectors()[0][0], e.vectors()[1][0], 1e-15);
        assertEquals(e.vectors()[0][1], -e.vectors()[1][1], 1e-15);
        // Already diagonal: sorted, vectors a permutation of the identity.
        SymmetricEigen d = SymmetricEigen.of(new double[][] {{1, 0, 0}, {0, 5, 0}, {0, 0, 3}});
        assertEquals(5, d.values()[0]);
        assertEquals(3, d.values()[1]);
        assertEquals(1, d.values()[2]);
        assertEquals(1, Math.abs(d.vectors()[1][0]));
        assertEquals(1, Math.abs(d.vectors()[2][1]));
    }

    @RepeatedTest(20)
    void randomSymmetricMatricesAreDiagonalizedByOrthonormalVectors(RepetitionInfo info) {
        Random random = new Random(7919L * info.getCurrentRepetition());
        int n = 2 + random.nextInt(9);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = random.nextGaussian() * Math.pow(10, random.nextInt(5) - 2);
                a[j][i] = a[i][j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        double scale = Math.max(Math.abs(e.values()[0]), Math.abs(e.values()[n - 1]));
        double trace = 0;
        double sum = 0;
        for (int j = 0; j < n; j++) {
            trace += a[j][j];
            sum += e.values()[j];
            if (j > 0) {
                assertTrue(e.values()[j - 1] >= e.values()[j], "eigenvalues sorted, largest first");
            }
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int m = 0; m < n; m++) {
                    av += a[i][m] * e.vectors()[m][j];
                }
                assertEquals(e.values()[j] * e.vectors()[i][j], av, 1e-13 * scale, "A v = λ v, n = " + n);
            }
            for (int k = 0; k < n; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += e.vectors()[i][j] * e.vectors()[i][k];
                }
                assertEquals(j == k ? 1 : 0, dot, 1e-14, "orthonormal vectors " + j + ", " + k);
            }
        }
        assertEquals(trace, sum, 1e-13 * n * scale, "eigenvalues sum to the trace");
    }

    @Test
    void refusesNonSquareOrNonFiniteInput() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {2}}));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, Double.NaN}, {0, 1}}));
    }
}
