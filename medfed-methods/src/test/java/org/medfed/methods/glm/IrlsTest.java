package org.medfed.methods.glm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.error.MedfedException;

/** R's glm.fit loop rules, driven with hand-made sums. */
class IrlsTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void stopsByRsRuleAndCountsIterationsLikeR() {
        Irls irls = new Irls(1, 1e-8, 25, warnings);
        irls.begin(100, new double[] {2}, new double[] {4});
        assertArrayEquals(new double[] {2}, irls.beta(), 1e-12);
        assertEquals(1, irls.iteration());
        assertEquals(Irls.Status.CONTINUE, irls.observe(10, new double[] {2}, new double[] {2}));
        assertArrayEquals(new double[] {3}, irls.beta(), 1e-12, "beta + score / information");
        assertEquals(2, irls.iteration());
        // |dev - dev_old| / (|dev| + 0.1) = 1e-9 / 10.1 < 1e-8: converged at iteration 2.
        assertEquals(Irls.Status.FINISHED, irls.observe(10 + 1e-9, new double[] {2}, new double[] {0}));
        assertTrue(irls.converged());
        assertEquals(2, irls.iteration());
        assertArrayEquals(new double[] {3}, irls.beta(), 1e-12);
        assertTrue(warnings.isEmpty());
    }

    @Test
    void halvesTheStepOnANonFiniteDevianceLikeR() {
        Irls irls = new Irls(1, 1e-8, 25, warnings);
        irls.begin(100, new double[] {2}, new double[] {4});
        irls.observe(10, new double[] {2}, new double[] {2});
        assertEquals(Irls.Status.CONTINUE, irls.observe(Double.POSITIVE_INFINITY, new double[] {2}, new double[] {0}));
        assertArrayEquals(new double[] {2.5}, irls.beta(), 1e-12, "halfway back to the previous coefficients");
        assertEquals(2, irls.iteration(), "a halving is not an iteration");
        assertTrue(irls.boundary());
        assertEquals(List.of("step size truncated due to divergence"), warnings);
        assertEquals(Irls.Status.FINISHED, irls.observe(10, new double[] {2}, new double[] {0}));
        assertTrue(irls.converged());
    }

    @Test
    void aNonFiniteDevianceAtTheStartHasNoValidCoefficients() {
        Irls irls = new Irls(1, 1e-8, 25, warnings);
        irls.begin(100, new double[] {2}, new double[] {4});
        MedfedException e = assertThrows(MedfedException.class,
                () -> irls.observe(Double.NaN, new double[] {2}, new double[] {0}));
        assertTrue(e.getMessage().contains("no valid set of coefficients"), e.getMessage());
    }

    @Test
    void stopsAtMaxitWithoutConverging() {
        Irls irls = new Irls(1, 1e-8, 2, warnings);
        irls.begin(100, new double[] {1}, new double[] {1});
        assertEquals(Irls.Status.CONTINUE, irls.observe(50, new double[] {1}, new double[] {1}));
        assertEquals(Irls.Status.FINISHED, irls.observe(25, new double[] {1}, new double[] {1}));
        assertFalse(irls.converged());
        assertEquals(2, irls.iteration());
    }

    @Test
    void aliasedColumnsKeepNoCoefficient() {
        // Two identical columns: the second is aliased (R reports NA), the first carries the fit.
        Irls irls = new Irls(2, 1e-8, 25, warnings);
        irls.begin(100, new double[] {4, 4, 4, 4}, new double[] {8, 8});
        assertArrayEquals(new double[] {2, 0}, irls.beta(), 1e-12);
        assertTrue(irls.information().isAliased(1));
        assertEquals(1, irls.information().rank());
    }
}
