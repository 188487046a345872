package org.medfed.formula;

import java.util.List;

/**
 * One site's model frame turned into numbers. {@code x} is column-major,
 * {@code x[j][i]} = column j at used row i, each column one contiguous array because the
 * GLM kernel streams them. {@code y}, {@code offset} and {@code weights} are null when the
 * model has none. {@code sourceRows[i]} is the table row of used row i, for error messages;
 * {@code rowsDropped} counts kept rows removed as incomplete (R's na.omit).
 *
 * <p>Read-only: when a site uses all its rows, numeric columns are the table's own arrays
 * (no copy of a large site's data), so nothing may write into a design.
 */
public record Design(List<String> columnNames, double[][] x, double[] y, double[] offset, double[] weights,
        int rowsUsed, int rowsDropped, int[] sourceRows) {
}
