package org.medfed.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClippingTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void l2ClippingBoundsTheNormAndKeepsTheDirection(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[1 + r.nextInt(50)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() * Math.pow(10, r.nextInt(-3, 6));
        }
        double bound = 0.1 + r.nextDouble() * 3;
        double[] c = Clipping.clipL2(v, bound);
        assertTrue(Clipping.l2Norm(c) <= bound);
        if (Clipping.l2Norm(v) > bound) {
            assertEquals(bound, Clipping.l2Norm(c), 1e-12 * bound);
        }
        double f = c[0] / v[0];
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i] * f, c[i], 1e-12 * Math.abs(v[i] * f) + 1e-300);
        }
    }

    @Test
    void vectorsInsideTheBoundAreUntouched() {
        double[] v = {0.3, -0.4};
        assertArrayEquals(v, Clipping.clipL2(v, 0.5));
        assertArrayEquals(v, Clipping.clipL1(v, 0.7));
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void l1ClippingBoundsTheL1Norm(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[20];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() * 10;
        }
        double[] c = Clipping.clipL1(v, 1.0);
        assertTrue(Clipping.l1Norm(c) <= 1.0);
        assertEquals(1.0, Clipping.l1Norm(c), 1e-12);
    }

    @Test
    void clampsToTheInterval() {
        assertArrayEquals(new double[] {0, 0.5, 1}, Clipping.clamp(new double[] {-3, 0.5, 9}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Clipping.clamp(Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Clipping.clamp(0.5, 1, 0));
    }

    @Test
    void nonFiniteVectorsAreRefusedNotClipped() {
        assertThrows(IllegalArgumentException.class, () -> Clipping.clipL2(new double[] {1, Double.NaN}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Clipping.clipL1(new double[] {Double.POSITIVE_INFINITY}, 1));
        assertThrows(IllegalArgumentException.class, () -> Clipping.clipL2(new double[] {1}, 0));
    }

    @Test
    void l2NormNeitherOverflowsNorUnderflows() {
        assertEquals(5e200, Clipping.l2Norm(new double[] {3e200, 4e200}), 1e188);
        assertEquals(5e-200, Clipping.l2Norm(new double[] {3e-200, 4e-200}), 1e-212);
    }
}
