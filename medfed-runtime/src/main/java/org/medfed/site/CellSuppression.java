package org.medfed.site;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Which cells of a count table a site suppresses so that no small count can be read off what it
 * releases. The table is {@code rows × cols} (row-major; a vector is one row). The attacker is
 * assumed to know every margin of length two or more — each row total and each column total (from
 * a one-way table or a summary of the same column) and the grand total {@code n} — and every
 * released cell. The rule:
 * <ol>
 *   <li><b>Primary</b>: every cell with {@code 0 < count < min} is suppressed.</li>
 *   <li><b>Complementary, per line</b>: in every row and every column (of two or more cells) that
 *   holds a suppressed cell, at least two cells are suppressed, and the suppressed cells of the
 *   line hold at least {@code min} rows together — else the line's total minus its released cells
 *   gives the hidden count, or a small group. The complement is the line's smallest non-zero
 *   unsuppressed cell, a zero cell where none is left (a hidden zero is as good a complement as
 *   any: the attacker cannot tell it is zero). A vector (one row) thus follows the total n.</li>
 *   <li><b>No bridge</b>: with every margin known, the hidden cells are fixed exactly where they are
 *   a bridge of the bipartite graph rows–columns whose edges are the suppressed cells (the margin
 *   equations leave free only combinations along cycles). A bridge is closed into a cycle by
 *   suppressing the smallest cell that joins the two sides it separates.</li>
 * </ol>
 * The steps repeat until nothing changes (each pass suppresses at least one more cell, so it ends).
 * A line whose total is itself below {@code min} cannot be protected by this table alone; that
 * total is the margin's disclosure, which the margin's own release must suppress.
 */
final class CellSuppression {
    private CellSuppression() {
    }

    /** The cells to suppress (true), for counts laid out {@code rows × cols} row-major. */
    static boolean[] cells(double[] counts, int rows, int cols, int min) {
        if (rows * cols != counts.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " table needs " + rows * cols + " cells, has "
                    + counts.length);
        }
        boolean[] hidden = new boolean[counts.length];
        boolean any = false;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && counts[i] < min) {
                hidden[i] = true;
                any = true;
            }
        }
        if (!any) {
            return hidden;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            if (cols >= 2) {
                for (int r = 0; r < rows; r++) {
                    changed |= protectLine(counts, hidden, r * cols, 1, cols, min);
                }
            }
            if (rows >= 2) {
                for (int c = 0; c < cols; c++) {
                    changed |= protectLine(counts, hidden, c, cols, rows, min);
                }
            }
            if (!changed && rows >= 2 && cols >= 2) {
                changed = closeBridge(counts, hidden, rows, cols);
            }
        }
        return hidden;
    }

    /** Suppresses one complement in the line if it needs one; whether it did. */
    private static boolean protectLine(double[] counts, boolean[] hidden, int start, int stride, int length, int min) {
        int suppressed = 0;
        double mass = 0;
        for (int k = 0; k < length; k++) {
            int i = start + k * stride;
            if (hidden[i]) {
                suppressed++;
                mass += counts[i];
            }
        }
        if (suppressed == 0 || (suppressed >= 2 && mass >= min)) {
            return false;
        }
        int best = -1;
        for (int k = 0; k < length; k++) {
            int i = start + k * stride;
            if (!hidden[i] && (best < 0 || better(counts[i], counts[best]))) {
                best = i;
            }
        }
        // A zero adds no rows: once the line has two hidden cells, only a non-zero one helps.
        if (best < 0 || (suppressed >= 2 && counts[best] == 0)) {
            return false;
        }
        hidden[best] = true;
        return true;
    }

    /** Non-zero cells first (they add rows to the hidden group), the smallest of them. */
    private static boolean better(double candidate, double current) {
        if ((candidate > 0) != (current > 0)) {
            return candidate > 0;
        }
        return candidate < current;
    }

    /** Finds a hidden cell that is a bridge and suppresses a cell closing it into a cycle; whether it did. */
    private static boolean closeBridge(double[] counts, boolean[] hidden, int rows, int cols) {
        for (int i = 0; i < hidden.length; i++) {
            if (!hidden[i]) {
                continue;
            }
            int r = i / cols;
            int c = i % cols;
            // Vertices 0..rows-1 are rows, rows..rows+cols-1 columns; walk from row r without edge (r, c).
            boolean[] reach = reachable(hidden, rows, cols, r, i);
            if (reach[rows + c]) {
                continue;
            }
            int best = -1;
            for (int rr = 0; rr < rows; rr++) {
                for (int cc = 0; cc < cols; cc++) {
                    int j = rr * cols + cc;
                    // Joins the column side of the bridge (rows not reached) to the row side (columns reached).
                    if (!hidden[j] && !reach[rr] && reach[rows + cc] && (best < 0 || better(counts[j], counts[best]))) {
                        best = j;
                    }
                }
            }
            if (best >= 0) {
                hidden[best] = true;
                return true;
            }
        }
        return false;
    }

    private static boolean[] reachable(boolean[] hidden, int rows, int cols, int fromRow, int withoutCell) {
        boolean[] seen = new boolean[rows + cols];
        Deque<Integer> todo = new ArrayDeque<>();
        seen[fromRow] = true;
        todo.add(fromRow);
        while (!todo.isEmpty()) {
            int v = todo.poll();
            if (v < rows) {
                for (int c = 0; c < cols; c++) {
                    int cell = v * cols + c;
                    if (hidden[cell] && cell != withoutCell && !seen[rows + c]) {
                        seen[rows + c] = true;
                        todo.add(rows + c);
                    }
                }
            } else {
                int c = v - rows;
                for (int r = 0; r < rows; r++) {
                    int cell = r * cols + c;
                    if (hidden[cell] && cell != withoutCell && !seen[r]) {
                        seen[r] = true;
                        todo.add(r);
                    }
                }
            }
        }
        return seen;
    }

    /** For messages: how many cells are suppressed. */
    static int count(boolean[] hidden) {
        int n = 0;
        for (boolean b : hidden) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
