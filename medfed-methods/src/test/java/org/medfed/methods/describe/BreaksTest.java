package org.medfed.methods.describe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The port of R's pretty() and hist()'s binning, against values R prints. */
class BreaksTest {

    @Test
    void prettyAgreesWithR() {
        // pretty(c(0, 100)), pretty(1:10), pretty(1:15): R's documented examples.
        assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, Breaks.pretty(0, 100, 5));
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, Breaks.pretty(1, 10, 5));
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10, 12, 14, 16}, Breaks.pretty(1, 15, 5));
        // hist(c(0, 1)) with 9 Sturges classes: pretty(c(0, 1), 9) is 0, 0.1, ..., 1.
        double[] tenths = Breaks.pretty(0, 1, 9);
        assertEquals(11, tenths.length);
        assertEquals(0.3, tenths[3], 1e-15);
        // A single value still gets one bin around it.
        double[] one = Breaks.pretty(5, 5, 1);
        assertEquals(true, one.length >= 2 && one[0] <= 5 && one[one.length - 1] >= 5);
    }

    @Test
    void sturgesIsRsNclassSturges() {
        assertEquals(9, Breaks.sturges(228));
        assertEquals(1, Breaks.sturges(1));
        assertEquals(11, Breaks.sturges(1000));
        assertEquals(9, Breaks.sturges(256));
    }

    @Test
    void binsAreRightClosedWithTheLowestClosedOnBothSides() {
        double[] edges = Breaks.fuzzyEdges(new double[] {0, 10, 20}, 20);
        assertEquals(0, Breaks.cell(edges, -1));
        assertEquals(1, Breaks.cell(edges, 0), "x == first break goes in the first bin");
        assertEquals(1, Breaks.cell(edges, 10), "right-closed");
        assertEquals(2, Breaks.cell(edges, 10.5));
        assertEquals(2, Breaks.cell(edges, 20));
        assertEquals(3, Breaks.cell(edges, 20.01));
        // R's fuzz: a break that rounding left just below 0.3 still closes the bin that 0.3 ends.
        double[] breaks = {0, 0.1, Math.nextDown(0.3), 0.4};
        assertEquals(3, Breaks.cell(new double[] {0, 0.1, Math.nextDown(0.3), 0.4}, 0.3), "without fuzz: the next bin");
        assertEquals(2, Breaks.cell(Breaks.fuzzyEdges(breaks, 0.4), 0.3));
    }
}
