package org.medfed.formula;

import java.util.Arrays;
import java.util.List;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;

/**
 * R's {@code na.omit} on the model frame: a kept row is complete when every formula variable
 * (response, every term variable, offsets, and variables of removed terms too, since R's frame
 * holds them) and the weights are present. Evaluated expressions count as missing where they
 * are NaN ({@code log(-1)}), as in R; infinities are not missing (the build reports them).
 */
final class Completeness {
    private Completeness() {
    }

    static boolean[] start(int n, boolean[] keep) {
        boolean[] ok = new boolean[n];
        if (keep == null) {
            Arrays.fill(ok, true);
        } else {
            System.arraycopy(keep, 0, ok, 0, n);
        }
        return ok;
    }

    /** The probe's completeness, without knowing the hub's types. */
    static boolean[] completeRows(Table table, Formula formula, NumericSource numbers, String weights, boolean[] keep) {
        int n = table.rowCount();
        boolean[] ok = start(n, keep);
        List<Expr> vars = formula.variableExprs();
        for (Expr v : vars) {
            if (v instanceof Expr.Sym s) {
                clear(ok, table.column(s.name()));
            } else if (Formula.isCall(v, "factor")) {
                clear(ok, table.column(((Expr.Sym) ((Expr.Call) v).args().get(0)).name()));
            } else {
                Expr inner = Formula.isCall(v, "offset") ? ((Expr.Call) v).args().get(0) : v;
                clear(ok, Evaluator.evaluate(inner, numbers, n));
            }
        }
        if (weights != null) {
            clear(ok, table.column(weights));
        }
        return ok;
    }

    static void clear(boolean[] ok, Column c) {
        if (c instanceof NumericColumn nc) {
            clear(ok, nc.values());
        } else {
            int[] codes = ((TextColumn) c).codes();
            for (int i = 0; i < ok.length; i++) {
                if (codes[i] < 0) {
                    ok[i] = false;
                }
            }
        }
    }

    static void clear(boolean[] ok, double[] v) {
        for (int i = 0; i < ok.length; i++) {
            if (Double.isNaN(v[i])) {
                ok[i] = false;
            }
        }
    }

    static void clear(boolean[] ok, int[] levelIndex) {
        for (int i = 0; i < ok.length; i++) {
            if (levelIndex[i] == -1) {
                ok[i] = false;
            }
        }
    }
}
