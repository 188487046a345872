package org.medfed.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The suppression rule, attacked: an adversary who knows every row and column total and n, and
 * every released cell, enumerates all tables of non-negative integers consistent with them; every
 * suppressed cell must take at least two values among those tables, and every small cell must be
 * suppressed.
 */
class CellSuppressionTest {
    private static final int MIN = 3;

    @Test
    void aVectorHidesTheSmallCellAndTheNextSmallestSoNRecoversNeither() {
        boolean[] hidden = CellSuppression.cells(new double[] {1, 0, 5, 10}, 1, 4, MIN);
        assertArrayEquals(new boolean[] {true, false, true, false}, hidden);
    }

    @Test
    void nothingIsSuppressedWithoutASmallCell() {
        boolean[] hidden = CellSuppression.cells(new double[] {0, 3, 5, 10, 0, 7}, 2, 3, MIN);
        assertArrayEquals(new boolean[6], hidden);
    }

    @Test
    void aTwoWayTableHidesASecondCellInTheRowAndTheColumnAndTheFourthCorner() {
        double[] t = {1, 8, 9,
                      7, 6, 12,
                      10, 11, 13};
        boolean[] hidden = CellSuppression.cells(t, 3, 3, MIN);
        // (0,0)=1; its row's smallest other is 8, its column's 7; then (1,1)=6 closes the rectangle.
        assertArrayEquals(new boolean[] {true, true, false, true, true, false, false, false, false}, hidden);
        CellSuppressionAttack.assertNotRecoverable(t, hidden, 3, 3);
    }

    @Test
    void theTwoByTwoWithOneExposedPatientHidesEveryCell() {
        // sex x flag: F {no 20, yes 0}, M {no 19, yes 1}: the hidden zero is the column's complement.
        double[] t = {20, 0, 19, 1};
        boolean[] hidden = CellSuppression.cells(t, 2, 2, MIN);
        assertArrayEquals(new boolean[] {true, true, true, true}, hidden);
        CellSuppressionAttack.assertNotRecoverable(t, hidden, 2, 2);
    }

    @Test
    void aBridgeBetweenTwoHiddenRectanglesIsClosed() {
        // Two small cells far apart: each gets its own rectangle; the rule must not leave a cell
        // that margins alone determine.
        double[] t = {1, 9, 20, 20,
                      9, 9, 20, 20,
                      20, 20, 2, 9,
                      20, 20, 9, 9};
        boolean[] hidden = CellSuppression.cells(t, 4, 4, MIN);
        assertTrue(hidden[0] && hidden[10], "the small cells are hidden");
        CellSuppressionAttack.assertNotRecoverable(t, hidden, 4, 4);
    }

    @RepeatedTest(40)
    void randomSmallTablesNeverLeakAHiddenCell(TestInfo info) {
        Random random = new Random(info.getDisplayName().hashCode() * 31L + 7);
        int rows = 2 + random.nextInt(2);
        int cols = 2 + random.nextInt(2);
        double[] t = new double[rows * cols];
        for (int i = 0; i < t.length; i++) {
            // Mostly small counts, so that suppression and chains of complements happen often.
            t[i] = random.nextInt(4) == 0 ? random.nextInt(3) : 2 + random.nextInt(9);
        }
        boolean[] hidden = CellSuppression.cells(t, rows, cols, MIN);
        for (int i = 0; i < t.length; i++) {
            assertFalse(t[i] > 0 && t[i] < MIN && !hidden[i], "small cell " + i + " released");
        }
        CellSuppressionAttack.assertNotRecoverable(t, hidden, rows, cols);
    }
}
