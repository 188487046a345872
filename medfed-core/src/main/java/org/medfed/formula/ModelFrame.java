package org.medfed.formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.DataException;

/**
 * Builds a site's {@link Design} from its table: R's model.frame (evaluate every variable,
 * drop incomplete rows) followed by model.matrix (code factors, multiply out interactions),
 * column by column. Each variable is evaluated once over the whole table into a primitive
 * array; rows are then selected once, and interaction columns are products of those arrays.
 */
public final class ModelFrame {
    private ModelFrame() {
    }

    /**
     * The design for {@code table}. {@code weightsColumn} and {@code keep} may be null.
     * Data problems are {@link DataException}s naming the site, file, line and column: a
     * text cell where a number is needed, a level not agreed across sites, a non-finite value
     * in a used row ({@code log(0)}), a text response.
     */
    public static Design build(Table table, Formula formula, DesignLayout layout, FactorLevels levels,
            Set<String> numericVariables, String weightsColumn, boolean[] keep) {
        int n = table.rowCount();
        NumericSource numbers = new NumericSource(table, numericVariables, keep, true);
        List<Expr> vars = formula.variableExprs();
        int nVar = vars.size();
        int response = formula.responseIndex();
        boolean[] ok = Completeness.start(n, keep);
        int kept = 0;
        for (boolean b : ok) {
            if (b) {
                kept++;
            }
        }

        double[][] values = new double[nVar][];
        int[][] levelIndex = new int[nVar][];
        for (int v = 0; v < nVar; v++) {
            Expr e = vars.get(v);
            if (v != response && layout.isFactor(v)) {
                levelIndex[v] = factorCodes(table, e, layout.levelsOf(v));
                Completeness.clear(ok, levelIndex[v]);
            } else if (v == response || isNumericTermVariable(layout, v) || !(e instanceof Expr.Sym || Formula.isCall(e, "factor"))) {
                if (v == response && e instanceof Expr.Sym s && table.column(s.name()) instanceof TextColumn
                        && !numericVariables.contains(s.name())) {
                    throw new DataException(table.location().withColumn(s.name()),
                            "response must be numeric (this column is text)");
                }
                Expr inner = Formula.isCall(e, "offset") ? ((Expr.Call) e).args().get(0) : e;
                values[v] = Evaluator.evaluate(inner, numbers, n);
                Completeness.clear(ok, values[v]);
            } else {
                // Only in a removed term: R's frame still holds it, so its NAs still drop rows.
                Expr.Sym s = e instanceof Expr.Sym sym ? sym : (Expr.Sym) ((Expr.Call) e).args().get(0);
                Completeness.clear(ok, table.column(s.name()));
            }
        }
        double[] weightValues = null;
        if (weightsColumn != null) {
            Column wc = table.column(weightsColumn);
            if (wc instanceof TextColumn && !numericVariables.contains(weightsColumn)) {
                throw new DataException(table.location().withColumn(weightsColumn),
                        "weights must be numeric (this column is text)");
            }
            weightValues = numbers.column(weightsColumn);
            Completeness.clear(ok, weightValues);
        }

        int used = 0;
        for (boolean b : ok) {
            if (b) {
                used++;
            }
        }
        int[] rows = new int[used];
        for (int i = 0, m = 0; i < n; i++) {
            if (ok[i]) {
                rows[m++] = i;
            }
        }

        // Checks on used rows, in row order within each variable.
        for (int v = 0; v < nVar; v++) {
            if (values[v] != null) {
                checkFinite(table, vars.get(v), values[v], rows, numbers);
            }
            if (levelIndex[v] != null) {
                checkKnownLevels(table, vars.get(v), levelIndex[v], rows, layout.levelsOf(v), layout.factorKey(v));
            }
        }
        if (weightValues != null) {
            checkFinite(table, new Expr.Sym(weightsColumn), weightValues, rows, numbers);
        }

        double[][] x = new double[layout.width()][];
        int col = 0;
        if (layout.intercept()) {
            x[col] = new double[used];
            Arrays.fill(x[col], 1.0);
            col++;
        }
        for (DesignLayout.TermPlan plan : layout.plans()) {
            double[][] cols = termColumns(plan, values, levelIndex, layout, rows);
            for (double[] c : cols) {
                x[col++] = c;
            }
        }

        double[] y = response >= 0 ? gather(values[response], rows) : null;
        double[] offset = null;
        for (int o : formula.offsetIndices()) {
            double[] g = gather(values[o], rows);
            if (offset == null) {
                offset = g;
            } else {
                double[] sum = new double[used];
                for (int i = 0; i < used; i++) {
                    sum[i] = offset[i] + g[i];
                }
                offset = sum;
            }
        }
        double[] w = weightValues == null ? null : gather(weightValues, rows);
        return new Design(layout.columnNames(), x, y, offset, w, used, kept - used, rows);
    }

    /**
     * One column read as numbers, as a design reads it: missing is NaN; a text column (numeric at
     * other sites) is parsed, and its first kept cell that is not a number is a
     * {@link DataException} naming the line. {@code keep} may be null for all rows.
     */
    public static double[] numbers(Table table, String column, Set<String> numericVariables, boolean[] keep) {
        return new NumericSource(table, numericVariables, keep, true).column(column);
    }

    /**
     * As {@link #numbers(Table, String, Set, boolean[])} for a caller that reads the column on its
     * own, outside a job's schema handshake: a cell that is not a number is an error saying
     * {@code reason} (e.g. "the PCA analysed this column as numbers").
     */
    public static double[] numbers(Table table, String column, boolean[] keep, String reason) {
        return new NumericSource(table, Set.of(column), keep, true, reason).column(column);
    }

    /**
     * One column read as a factor with the agreed {@code levels}, as a design codes it: per table
     * row the index of its level, or -1 where the value is missing. A counted row whose value is
     * not one of the levels is a {@link DataException} naming the line and {@code key}.
     *
     * @param counted the rows the caller uses, or null for all rows
     */
    public static int[] levelCodes(Table table, String column, List<String> levels, String key, boolean[] counted) {
        Expr e = new Expr.Sym(column);
        int[] codes = factorCodes(table, e, levels);
        int[] rows = java.util.stream.IntStream.range(0, codes.length)
                .filter(i -> counted == null || counted[i]).toArray();
        checkKnownLevels(table, e, codes, rows, levels, key);
        return codes;
    }

    private static boolean isNumericTermVariable(DesignLayout layout, int v) {
        for (DesignLayout.TermPlan p : layout.plans()) {
            for (int var : p.variables()) {
                if (var == v) {
                    return !layout.isFactor(v);
                }
            }
        }
        return false;
    }

    private static double[][] termColumns(DesignLayout.TermPlan plan, double[][] values, int[][] levelIndex,
            DesignLayout layout, int[] rows) {
        int n = rows.length;
        double[][] cur = null;
        for (int k = 0; k < plan.variables().length; k++) {
            int v = plan.variables()[k];
            int code = plan.codes()[k];
            if (code == DesignLayout.NUMERIC) {
                double[] g = gather(values[v], rows);
                if (cur == null) {
                    cur = new double[][] {g};
                } else {
                    // New arrays, never in place: g and cur's columns may be the table's own storage.
                    for (int j = 0; j < cur.length; j++) {
                        double[] c = cur[j];
                        double[] product = new double[n];
                        for (int i = 0; i < n; i++) {
                            product[i] = c[i] * g[i];
                        }
                        cur[j] = product;
                    }
                }
                continue;
            }
            int first = code == DesignLayout.CONTRASTS ? 1 : 0;
            int m = layout.levelsOf(v).size() - first;
            int[] idx = levelIndex[v];
            if (cur == null) {
                cur = new double[m][n];
                for (int i = 0; i < n; i++) {
                    int level = idx[rows[i]] - first;
                    if (level >= 0) {
                        cur[level][i] = 1.0;
                    }
                }
                continue;
            }
            // R's addfactor: new column k*ncur + j is old column j times indicator k.
            int ncur = cur.length;
            double[][] next = new double[ncur * m][n];
            for (int i = 0; i < n; i++) {
                int level = idx[rows[i]] - first;
                if (level >= 0) {
                    for (int j = 0; j < ncur; j++) {
                        next[level * ncur + j][i] = cur[j][i];
                    }
                }
            }
            cur = next;
        }
        return cur;
    }

    /**
     * The values of the used rows. When every row is used the array itself is returned, not a
     * copy: a million-row site then builds its design without copying its numeric columns, so
     * design columns may share storage with the table and are never written to.
     */
    private static double[] gather(double[] values, int[] rows) {
        if (rows.length == values.length) {
            return values;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /** Level index per table row: -1 missing, -2 a value outside the agreed levels. */
    private static int[] factorCodes(Table table, Expr e, List<String> levels) {
        String name = e instanceof Expr.Sym s ? s.name() : ((Expr.Sym) ((Expr.Call) e).args().get(0)).name();
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < levels.size(); k++) {
            index.put(levels.get(k), k);
        }
        Column c = table.column(name);
        int n = table.rowCount();
        int[] out = new int[n];
        if (c instanceof TextColumn tc) {
            String[] dict = tc.dictionary();
            int[] map = new int[dict.length];
            for (int k = 0; k < dict.length; k++) {
                map[k] = index.getOrDefault(dict[k], -2);
            }
            int[] codes = tc.codes();
            for (int i = 0; i < n; i++) {
                out[i] = codes[i] < 0 ? -1 : map[codes[i]];
            }
            return out;
        }
        // A numeric column as a factor: label each distinct value once (R's as.character).
        double[] v = ((NumericColumn) c).values();
        double[] distinct = distinctSorted(v);
        int[] map = new int[distinct.length];
        for (int k = 0; k < distinct.length; k++) {
            map[k] = index.getOrDefault(RFormat.numberLabel(distinct[k]), -2);
        }
        for (int i = 0; i < n; i++) {
            out[i] = Double.isNaN(v[i]) ? -1 : map[Arrays.binarySearch(distinct, v[i])];
        }
        return out;
    }

    private static double[] distinctSorted(double[] v) {
        double[] copy = new double[v.length];
        int m = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                copy[m++] = d;
            }
        }
        Arrays.sort(copy, 0, m);
        int u = 0;
        for (int i = 0; i < m; i++) {
            if (u == 0 || Double.compare(copy[i], copy[u - 1]) != 0) {
                copy[u++] = copy[i];
            }
        }
        return Arrays.copyOf(copy, u);
    }

    private static void checkKnownLevels(Table table, Expr e, int[] idx, int[] rows, List<String> levels, String key) {
        for (int r : rows) {
            if (idx[r] == -2) {
                String name = e instanceof Expr.Sym s ? s.name() : ((Expr.Sym) ((Expr.Call) e).args().get(0)).name();
                Column c = table.column(name);
                String value = c instanceof TextColumn tc ? tc.get(r) : RFormat.numberLabel(((NumericColumn) c).get(r));
                throw new DataException(table.locate(r, name), "'" + value + "' is not one of the levels of " + key
                        + " agreed across sites (" + String.join(", ", levels) + ")");
            }
        }
    }

    private static void checkFinite(Table table, Expr e, double[] v, int[] rows, NumericSource numbers) {
        for (int r : rows) {
            if (Double.isInfinite(v[r])) {
                Set<String> cols = new LinkedHashSet<>();
                symbols(e, cols);
                List<String> names = new ArrayList<>(cols);
                String column = names.isEmpty() ? null : names.get(0);
                String what = RFormat.numberLabel(v[r]);
                String problem;
                if (e instanceof Expr.Sym) {
                    problem = "value is " + what + "; model data must be finite";
                } else if (names.size() == 1) {
                    problem = e.deparse() + " is " + what + " (" + column + " = "
                            + RFormat.numberLabel(numbers.column(column)[r]) + ")";
                } else {
                    problem = e.deparse() + " is " + what + " in this row";
                }
                throw new DataException(column == null ? table.location() : table.locate(r, column), problem);
            }
        }
    }

    private static void symbols(Expr e, Set<String> out) {
        if (e instanceof Expr.Sym s) {
            out.add(s.name());
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> symbols(a, out));
        } else if (e instanceof Expr.Unary u) {
            symbols(u.operand(), out);
        } else if (e instanceof Expr.Paren p) {
            symbols(p.inner(), out);
        } else if (e instanceof Expr.Binary b) {
            symbols(b.left(), out);
            symbols(b.right(), out);
        }
    }
}
