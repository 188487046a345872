package org.medfed.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class GridTest {

    @Test
    void spacingIsTheLargestPowerOfTwoNotAbove() {
        assertEquals(0.0625, Grid.atMost(0.1).spacing());
        assertEquals(1.0, Grid.atMost(1.0).spacing());
        assertEquals(4.0, Grid.atMost(7.9).spacing());
    }

    @Test
    void roundsToNearestGridPoint() {
        Grid g = Grid.atMost(0.25);
        assertEquals(0.25, g.snap(0.3));
        assertEquals(-0.5, g.snap(-0.4));
        assertTrue(g.contains(1.75));
        assertFalse(g.contains(1.8));
        assertEquals(BigInteger.valueOf(7), g.index(1.75));
    }

    @Test
    void largeValuesKeepExactIndicesAndOnlyOverflowIsClamped() {
        Grid g = new Grid(-40);
        assertEquals(BigInteger.valueOf(3).shiftLeft(100), g.index(Math.scalb(3.0, 60)));
        assertEquals(1e200, g.snap(1e200));
        // Double.MAX_VALUE / 2^-40 overflows a double: clamped at Double.MAX_VALUE grid steps
        BigInteger top = new java.math.BigDecimal(Double.MAX_VALUE).toBigIntegerExact();
        assertEquals(top, g.index(Double.MAX_VALUE));
        assertEquals(top.negate(), g.index(-Double.MAX_VALUE));
        assertEquals(Math.scalb(Double.MAX_VALUE, -40), g.snap(Double.MAX_VALUE));
    }
}
