package org.medfed.methods.pca;

import java.util.BitSet;
import java.util.List;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.formula.ModelFrame;
import org.medfed.methods.frame.FrameSpec;

/**
 * Site side: the PCA columns read over the rows complete in every one of them. Kept in site state
 * between the two passes; never released.
 *
 * @param rows   the table rows read
 * @param values per column, the value of each row in {@code rows}, in row order
 */
record PcaRows(BitSet rows, double[][] values) {

    /** @param candidates rows complete in every column by the schema round (after the filter) */
    static PcaRows read(Table table, List<String> columns, FrameSpec spec, BitSet candidates) {
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
        double[][] values = new double[raw.length][rows.cardinality()];
        for (int k = 0; k < raw.length; k++) {
            int m = 0;
            for (int i = rows.nextSetBit(0); i >= 0; i = rows.nextSetBit(i + 1)) {
                double v = raw[k][i];
                if (Double.isInfinite(v)) {
                    throw new DataException(table.locate(i, columns.get(k)), "value is " + (v > 0 ? "Inf" : "-Inf")
                            + "; principal components need finite values");
                }
                values[k][m++] = v;
            }
        }
        return new PcaRows(rows, values);
    }

    int count() {
        return rows.cardinality();
    }
}
