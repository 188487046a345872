package org.medfed.method;

import java.util.List;

/**
 * Cells laid out as R prints a table or matrix: each column as wide as its widest cell, the first
 * {@code labelColumns} columns left-aligned (labels), the others right-aligned (numbers), columns
 * joined by a separator, one line per row. The first column is at least one character wide, so
 * that rows without labels still start with R's blank column.
 */
public final class TextTable {
    private TextTable() {
    }

    /** Appends {@code rows} (all of the same length, the header first if any) to {@code sb}. */
    public static void append(StringBuilder sb, List<String[]> rows, int labelColumns, String separator) {
        int[] width = new int[rows.get(0).length];
        width[0] = 1;
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                String fill = " ".repeat(width[i] - row[i].length());
                sb.append(i == 0 ? "" : separator).append(i < labelColumns ? row[i] + fill : fill + row[i]);
            }
            sb.append('\n');
        }
    }
}
