package org.medfed.formula;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;

/**
 * What one site tells the hub in the schema round, before any statistic: how it stores each
 * column the formula names, which factor levels occur in its complete rows (R drops unused
 * levels after removing incomplete rows, so levels only seen in dropped rows must not count),
 * and how many complete rows it has. Levels are category names, not row data. {@code rowsUsed}
 * (which table rows are complete) stays at the site: its release gate compares it with the row
 * subsets of earlier jobs (the differencing guard).
 */
public record SiteSchema(Map<String, VariableKind> kinds, Map<String, List<String>> levelsPresent, int completeRows,
                         BitSet rowsUsed) {

    public SiteSchema {
        rowsUsed = (BitSet) rowsUsed.clone();
        kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        levelsPresent.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        levelsPresent = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Probes {@code table} for {@code formula}. {@code weightsColumn} may be null;
     * {@code keep} (the rows a {@code --where} filter kept) may be null for all rows. A missing
     * column is a {@link org.medfed.error.DataException} naming the site, file and column.
     */
    public static SiteSchema probe(Table table, Formula formula, String weightsColumn, boolean[] keep) {
        Map<String, VariableKind> kinds = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(formula.variables());
        if (weightsColumn != null && !names.contains(weightsColumn)) {
            names.add(weightsColumn);
        }
        for (String name : names) {
            kinds.put(name, table.column(name) instanceof NumericColumn ? VariableKind.NUMERIC : VariableKind.TEXT);
        }
        NumericSource numbers = new NumericSource(table, Set.of(), keep, false);
        boolean[] complete = Completeness.completeRows(table, formula, numbers, weightsColumn, keep);
        BitSet used = new BitSet(complete.length);
        for (int i = 0; i < complete.length; i++) {
            if (complete[i]) {
                used.set(i);
            }
        }
        int count = used.cardinality();
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String key : formula.factorKeys()) {
            boolean isFactorCall = key.startsWith("factor(");
            Column c = table.column(isFactorCall ? factorSource(key) : key);
            if (c instanceof TextColumn tc) {
                levels.put(key, FactorLevels.sortLikeR(textLevels(tc, complete), false));
            } else if (isFactorCall) {
                levels.put(key, numericLevels(((NumericColumn) c).values(), complete));
            }
        }
        return new SiteSchema(kinds, levels, count, used);
    }

    /** The complete rows (a copy: the record stays immutable). */
    @Override
    public BitSet rowsUsed() {
        return (BitSet) rowsUsed.clone();
    }

    /** The column inside a {@code factor(x)} key. */
    static String factorSource(String key) {
        Formula f = Formula.parse("~" + key);
        Expr.Call call = (Expr.Call) f.variableExprs().get(0);
        return ((Expr.Sym) call.args().get(0)).name();
    }

    private static List<String> textLevels(TextColumn tc, boolean[] complete) {
        int[] codes = tc.codes();
        boolean[] seen = new boolean[tc.dictionary().length];
        for (int i = 0; i < codes.length; i++) {
            if (complete[i] && codes[i] >= 0) {
                seen[codes[i]] = true;
            }
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < seen.length; k++) {
            if (seen[k]) {
                out.add(tc.dictionary()[k]);
            }
        }
        return out;
    }

    private static List<String> numericLevels(double[] values, boolean[] complete) {
        int m = 0;
        double[] used = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (complete[i]) {
                used[m++] = values[i];
            }
        }
        double[] sorted = java.util.Arrays.copyOf(used, m);
        java.util.Arrays.sort(sorted);
        List<String> out = new ArrayList<>();
        String last = null;
        for (int i = 0; i < m; i++) {
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                continue;
            }
            String label = RFormat.numberLabel(sorted[i]);
            if (!label.equals(last)) {
                out.add(label);
                last = label;
            }
        }
        return out;
    }
}
