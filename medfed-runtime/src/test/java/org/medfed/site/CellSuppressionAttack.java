package org.medfed.site;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * An adversary against a suppressed table: knowing every row and column total (hence n) and every
 * released cell, it enumerates all tables of non-negative integers consistent with them. A hidden
 * cell is recovered when it takes a single value over all of them.
 */
public final class CellSuppressionAttack {
    private CellSuppressionAttack() {
    }

    /** Every hidden cell takes two or more values over the tables consistent with what is known. */
    public static void assertNotRecoverable(double[] t, boolean[] hidden, int rows, int cols) {
        List<Integer> cells = new ArrayList<>();
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i]) {
                cells.add(i);
            }
        }
        double[] rowTotal = new double[rows];
        double[] colTotal = new double[cols];
        for (int i = 0; i < t.length; i++) {
            rowTotal[i / cols] += t[i];
            colTotal[i % cols] += t[i];
        }
        List<TreeSet<Integer>> seen = new ArrayList<>();
        cells.forEach(c -> seen.add(new TreeSet<>()));
        double[] guess = t.clone();
        cells.forEach(c -> guess[c] = 0);
        enumerate(guess, cells, 0, rows, cols, rowTotal, colTotal, seen);
        for (int k = 0; k < cells.size(); k++) {
            assertTrue(seen.get(k).size() >= 2, "hidden cell " + cells.get(k) + " (count " + t[cells.get(k)]
                    + ") is recoverable from the totals: only " + seen.get(k) + " fits; hidden "
                    + Arrays.toString(hidden) + " in " + Arrays.toString(t));
        }
    }

    /**
     * Depth-first over the hidden cells in row-major order: the last hidden cell of a row takes
     * what the row total leaves, and a column sum above its total cuts the branch.
     */
    private static void enumerate(double[] guess, List<Integer> cells, int k, int rows, int cols, double[] rowTotal,
                                  double[] colTotal, List<TreeSet<Integer>> seen) {
        if (k == cells.size()) {
            for (int c = 0; c < cols; c++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += guess[r * cols + c];
                }
                if (s != colTotal[c]) {
                    return;
                }
            }
            for (int j = 0; j < cells.size(); j++) {
                seen.get(j).add((int) guess[cells.get(j)]);
            }
            return;
        }
        int cell = cells.get(k);
        int row = cell / cols;
        boolean lastInRow = k + 1 == cells.size() || cells.get(k + 1) / cols != row;
        double rest = rowTotal[row];
        for (int c = 0; c < cols; c++) {
            int i = row * cols + c;
            if (i != cell) {
                rest -= guess[i];
            }
        }
        int from = lastInRow ? (int) rest : 0;
        int to = lastInRow ? (int) rest : (int) Math.min(rest, colTotal[cell % cols]);
        for (int v = Math.max(0, from); v <= to; v++) {
            guess[cell] = v;
            if (columnFits(guess, cell % cols, rows, cols, colTotal, cell)) {
                enumerate(guess, cells, k + 1, rows, cols, rowTotal, colTotal, seen);
            }
        }
        guess[cell] = 0;
    }

    /** Whether the column's cells up to {@code upTo} (later hidden cells are 0 for now) stay within its total. */
    private static boolean columnFits(double[] guess, int col, int rows, int cols, double[] colTotal, int upTo) {
        double s = 0;
        for (int r = 0; r * cols + col <= upTo; r++) {
            s += guess[r * cols + col];
        }
        return s <= colTotal[col];
    }
}
