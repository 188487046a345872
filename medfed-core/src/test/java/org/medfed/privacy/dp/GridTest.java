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
        assertEquals(7, g.index(1.75));
    }

    @Test
    void clampsAtTwoToTheSixtyTwoGridSteps() {
        Grid g = new Grid(-10);
        assertEquals(Grid.MAX_INDEX, g.index(1e300));
        assertEquals(-Grid.MAX_INDEX, g.index(-1e300));
        assertEquals(Math.scalb(1.0, 52), g.snap(1e300));
        assertEquals(Math.scalb(1.0, 52), g.value(BigInteger.ONE.shiftLeft(62)));
    }
}
