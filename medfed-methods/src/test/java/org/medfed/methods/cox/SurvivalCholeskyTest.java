package org.medfed.methods.cox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The port of survival's cholesky2/chsolve2/chinv2: solves and inverts SPD matrices; zeroes singular directions. */
class SurvivalCholeskyTest {

    @RepeatedTest(5)
    void solvesAndInvertsRandomPositiveDefiniteMatrices(RepetitionInfo info) {
        Random random = new Random(17 + info.getCurrentRepetition());
        int p = 2 + info.getCurrentRepetition();
        double[] b = new double[p * p];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        double[] a = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    a[i * p + j] += b[k * p + i] * b[k * p + j];
                }
            }
            a[i * p + i] += 0.5;
        }
        SurvivalCholesky c = SurvivalCholesky.of(a, p);
        assertEquals(p, c.rank());
        double[] y = new double[p];
        for (int i = 0; i < p; i++) {
            y[i] = random.nextGaussian();
        }
        double[] z = c.solve(y);
        double[] inv = c.inverse();
        for (int i = 0; i < p; i++) {
            double az = 0;
            for (int j = 0; j < p; j++) {
                az += a[i * p + j] * z[j];
                double identity = 0;
                for (int k = 0; k < p; k++) {
                    identity += a[i * p + k] * inv[k * p + j];
                }
                assertEquals(i == j ? 1 : 0, identity, 1e-10, "A A^-1 at " + i + "," + j);
                assertEquals(inv[i * p + j], inv[j * p + i], 0, "symmetric inverse");
            }
            assertEquals(y[i], az, 1e-10, "A z = y at " + i);
        }
    }

    /** A column without information (all zeros) is singular: zero step, zero row and column in the inverse. */
    @Test
    void aColumnWithoutInformationIsSingular() {
        double[] a = {4, 0, 1, 0, 0, 0, 1, 0, 3};
        SurvivalCholesky c = SurvivalCholesky.of(a, 3);
        assertEquals(2, c.rank());
        assertTrue(c.singular(1));
        assertFalse(c.singular(0));
        double[] z = c.solve(new double[] {1, 5, 2});
        assertEquals(0, z[1]);
        assertEquals(1.0 / 11, z[0], 1e-15);
        assertEquals(7.0 / 11, z[2], 1e-15);
        double[] inv = c.inverse();
        assertEquals(0, inv[4]);
        assertEquals(3.0 / 11, inv[0], 1e-15);
    }
}
