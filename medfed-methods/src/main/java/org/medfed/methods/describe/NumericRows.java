package org.medfed.methods.describe;

import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.formula.ModelFrame;
import org.medfed.methods.frame.FrameSpec;

/**
 * Site side: numeric columns read over a set of complete rows, clipped where the analyst gave
 * bounds — what the correlation and t-test site halves fold over. Kept in site state between
 * rounds; never released.
 *
 * @param rows   the table rows read (complete in every column)
 * @param values per column, the (clipped) value of each row in {@code rows}, in row order
 */
record NumericRows(BitSet rows, double[][] values) {

    /**
     * @param candidates rows complete in every variable by the schema round (after the filter)
     * @param clip       each column's clipping, or null for none
     */
    static NumericRows read(Table table, List<String> columns, FrameSpec spec, BitSet candidates,
                            Function<String, Clip> clip) {
        return read(table, columns, spec, candidates, clip, CentredMomentsSite.SUMS_NEED_FINITE_VALUES);
    }

    /** @param infinite what an infinite unclipped value breaks, for the message naming its cell */
    static NumericRows read(Table table, List<String> columns, FrameSpec spec, BitSet candidates,
                            Function<String, Clip> clip, String infinite) {
        boolean[] keep = new boolean[table.rowCount()];
        candidates.stream().forEach(i -> keep[i] = true);
        double[][] raw = new double[columns.size()][];
        BitSet rows = (BitSet) candidates.clone();
        for (int k = 0; k < raw.length; k++) {
            raw[k] = ModelFrame.numbers(table, columns.get(k), spec.numericVariables(), keep);
            for (int i = rows.nextSetBit(0); i >= 0; i = rows.nextSetBit(i + 1)) {
                if (Double.isNaN(raw[k][i])) {
                    rows.clear(i);
                }
            }
        }
        int n = rows.cardinality();
        double[][] values = new double[raw.length][n];
        for (int k = 0; k < raw.length; k++) {
            String column = columns.get(k);
            Clip c = clip.apply(column);
            int m = 0;
            for (int i = rows.nextSetBit(0); i >= 0; i = rows.nextSetBit(i + 1)) {
                double v = raw[k][i];
                if (c == null && Double.isInfinite(v)) {
                    throw new DataException(table.locate(i, column), "value is " + (v > 0 ? "Inf" : "-Inf")
                            + "; " + infinite);
                }
                values[k][m++] = c == null ? v : c.apply(v);
            }
        }
        return new NumericRows(rows, values);
    }

    int count() {
        return rows.cardinality();
    }
}
