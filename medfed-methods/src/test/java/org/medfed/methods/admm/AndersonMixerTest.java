package org.medfed.methods.admm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The hub's Anderson step on hand-made inner products: the least squares, and the safeguard. */
class AndersonMixerTest {
    private static final double[] FIRST = {1, 0};
    private static final double[] SECOND = {0, 1};

    /** Two kept points: the combination solves the one-dimensional least squares ⟨Δ, Δ⟩γ = ⟨Δ, r⟩. */
    private static AndersonMixer twoPoints() {
        AndersonMixer m = new AndersonMixer(2);
        m.add(FIRST, new double[] {0, 0, 0, 0, 1.0});
        assertNull(m.next(), "one point: the plain step");
        m.add(SECOND, new double[] {0, 0.5, 0, -0.3, 0.5});
        return m;
    }

    @Test
    void combinesTheKeptPointsByTheLeastSquaresWeights() {
        AndersonMixer.Mix mix = twoPoints().next();
        // γ = −0.3 / 0.5 = −0.6: weight γ on the older point, 1 − γ on the newer (the regularization moves it by ~1e-10).
        assertArrayEquals(new double[] {-0.6, 1.6}, mix.weights(), 1e-9);
        assertArrayEquals(new double[] {-0.6, 1.6}, mix.sum(), 1e-9);
        assertEquals(1.0, mix.weights()[0] + mix.weights()[1], 1e-15);
    }

    @Test
    void anExtrapolationWhoseResidualGrowsIsDroppedForThePlainStepFromTheAcceptedPoint() {
        AndersonMixer m = twoPoints();
        m.next();
        m.add(new double[] {5, 5}, new double[] {0.1, 0.2, 0.3, 0.4, 100});
        AndersonMixer.Mix revert = m.next();
        assertArrayEquals(new double[] {0, 1, 0}, revert.weights(), "the accepted (second) point's step");
        assertArrayEquals(SECOND, revert.sum());
        assertEquals(1, m.rejections());
    }

    @Test
    void anExtrapolationWhoseResidualShrinksIsKept() {
        AndersonMixer m = twoPoints();
        m.next();
        m.add(new double[] {5, 5}, new double[] {0.2, 0.1, 0.3, -0.1, 0.25});
        AndersonMixer.Mix next = m.next();
        assertEquals(3, next.weights().length, "the next extrapolation over all three kept points");
        assertEquals(0, m.rejections());
    }

    @Test
    void clearingForgetsTheKeptPoints() {
        AndersonMixer m = twoPoints();
        m.clear();
        m.add(FIRST, new double[] {0, 0, 0, 0, 1.0});
        assertNull(m.next());
    }
}
