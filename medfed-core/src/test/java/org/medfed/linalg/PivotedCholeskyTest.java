package org.medfed.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PivotedCholeskyTest {

    private static double[] crossProduct(double[][] x) {
        int p = x.length;
        int n = x[0].length;
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        double[] a = new double[p * p];
        WeightedCrossProduct.accumulate(x, w, null, a, null);
        return a;
    }

    @Test
    void solvesAFullRankSystemAndInvertsIt() {
        double[] a = {4, 2, 0.6, 2, 5, 1, 0.6, 1, 3};
        double[] b = {1, 2, 3};
        PivotedCholesky c = PivotedCholesky.decompose(a, 3);
        assertEquals(3, c.rank());
        double[] x = c.solve(b);
        for (int i = 0; i < 3; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                s += a[i * 3 + j] * x[j];
            }
            assertEquals(b[i], s, 1e-13);
        }
        double[] inv = c.inverse();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += a[i * 3 + k] * inv[k * 3 + j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-13);
            }
        }
    }

    @Test
    void aliasesALaterColumnThatIsALinearCombinationLikeR() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200;
        double[][] x = new double[4][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = 1;
            x[1][i] = rnd.nextGaussian();
            x[2][i] = 3 * x[1][i] - 2; // collinear with intercept and x1: R reports NA for it
            x[3][i] = rnd.nextGaussian();
        }
        PivotedCholesky c = PivotedCholesky.decompose(crossProduct(x), 4);
        assertEquals(3, c.rank());
        assertArrayEquals(new boolean[] {false, false, true, false}, c.aliased());
        double[] inv = c.inverse();
        assertTrue(Double.isNaN(inv[2 * 4 + 2]));
        assertFalse(Double.isNaN(inv[3 * 4 + 3]));
        assertEquals(0.0, c.solve(new double[] {1, 2, 3, 4})[2]);
    }

    @Test
    void aliasesCollinearColumnsInLargeData() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 1_000_000;
        double[][] x = new double[3][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = 1;
            x[1][i] = rnd.nextGaussian() * 1000 + 5000;
            x[2][i] = 0.001 * x[1][i] + 7;
        }
        PivotedCholesky c = PivotedCholesky.decompose(crossProduct(x), 3);
        assertEquals(2, c.rank());
        assertTrue(c.isAliased(2));
    }

    @Test
    void keepsNearlyButNotExactlyCollinearColumns() {
        int n = 21;
        double[][] x = new double[3][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = 1;
            x[1][i] = 2000 + i; // years: x and x^2 are highly but not exactly collinear; R keeps both
            x[2][i] = x[1][i] * x[1][i];
        }
        PivotedCholesky c = PivotedCholesky.decompose(crossProduct(x), 3);
        assertEquals(3, c.rank());
    }

    @Test
    void zeroColumnIsAliased() {
        double[][] x = {{1, 1, 1}, {0, 0, 0}};
        PivotedCholesky c = PivotedCholesky.decompose(crossProduct(x), 2);
        assertEquals(1, c.rank());
        assertTrue(c.isAliased(1));
    }
}
