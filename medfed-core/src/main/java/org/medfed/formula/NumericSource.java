package org.medfed.formula;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.DataException;

/**
 * A table's columns as {@code double[]} for arithmetic, one array per column for the whole
 * table, computed once. Text columns are parsed per dictionary entry, not per row. In strict
 * mode (building the design) the first kept row whose text is not a number is an error; in
 * lenient mode (the schema probe) such cells count as present, since the build will report them.
 */
final class NumericSource {
    private final Table table;
    private final Set<String> numericVariables;
    private final boolean[] keep;
    private final boolean strict;
    private final String reason;
    private final Map<String, double[]> cache = new HashMap<>();

    NumericSource(Table table, Set<String> numericVariables, boolean[] keep, boolean strict) {
        this(table, numericVariables, keep, strict, null);
    }

    /** {@code reason} (null: from the formula's point of view) says in a cell's error why it must be a number. */
    NumericSource(Table table, Set<String> numericVariables, boolean[] keep, boolean strict, String reason) {
        this.table = table;
        this.numericVariables = numericVariables;
        this.keep = keep;
        this.strict = strict;
        this.reason = reason;
    }

    Table table() {
        return table;
    }

    double[] column(String name) {
        double[] v = cache.get(name);
        if (v == null) {
            v = load(name);
            cache.put(name, v);
        }
        return v;
    }

    private double[] load(String name) {
        Column c = table.column(name);
        if (c instanceof NumericColumn nc) {
            return nc.values();
        }
        TextColumn tc = (TextColumn) c;
        String[] dict = tc.dictionary();
        double[] parsed = new double[dict.length];
        for (int k = 0; k < dict.length; k++) {
            parsed[k] = NumberText.parse(dict[k]);
            if (NumberText.isNotANumber(parsed[k]) && !strict) {
                parsed[k] = 0;
            }
        }
        int[] codes = tc.codes();
        double[] out = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            double x = code < 0 ? Double.NaN : parsed[code];
            if (NumberText.isNotANumber(x)) {
                if (keep == null || keep[i]) {
                    String why = reason != null ? reason : numericVariables.contains(name) ? "column is numeric at other sites"
                            : "the formula uses this column as a number";
                    throw new DataException(table.locate(i, name), "'" + dict[code] + "' is not a number (" + why + ")");
                }
                x = Double.NaN;
            }
            out[i] = x;
        }
        return out;
    }
}
