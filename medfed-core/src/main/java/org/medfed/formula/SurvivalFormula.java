package org.medfed.formula;

import java.util.ArrayList;
import java.util.List;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.UsageException;

/**
 * A survival model formula as R's {@code coxph} reads it: {@code Surv(time, status) ~ terms},
 * where terms may include {@code strata(a)} or {@code strata(a, b)}. The strata terms are taken
 * out; the other terms form {@link #covariates()}, a right-hand-side formula that always has an
 * intercept, because coxph codes factors by treatment contrasts as if there were one and then
 * drops the intercept column (so {@code sex} gives {@code sexfemale} with or without {@code - 1}).
 */
public final class SurvivalFormula {
    private static final List<String> FUNCTIONS;

    static {
        List<String> f = new ArrayList<>(FormulaParser.FUNCTIONS);
        f.add("Surv");
        f.add("strata");
        FUNCTIONS = List.copyOf(f);
    }

    private final String text;
    private final String time;
    private final String status;
    private final List<String> strata;
    private final Formula covariates;

    private SurvivalFormula(String text, String time, String status, List<String> strata, Formula covariates) {
        this.text = text;
        this.time = time;
        this.status = status;
        this.strata = List.copyOf(strata);
        this.covariates = covariates;
    }

    /**
     * Parses {@code text}; a {@link UsageException} says what is wrong: no {@code Surv(time, status)}
     * response, {@code strata()} inside an interaction, no covariates.
     */
    public static SurvivalFormula parse(String text) {
        Expr tree = FormulaParser.parse(text, FUNCTIONS);
        if (!(tree instanceof Expr.Binary b) || !(b.left() instanceof Expr.Call lhs) || !lhs.function().equals("Surv")) {
            throw new UsageException("formula: a Cox model needs the response Surv(time, status), as in "
                    + "'Surv(time, status) ~ age + sex', not '" + text.trim() + "'");
        }
        if (lhs.args().size() != 2 || !(lhs.args().get(0) instanceof Expr.Sym t) || !(lhs.args().get(1) instanceof Expr.Sym s)) {
            throw new UsageException("formula: Surv() takes two column names, the follow-up time and the event "
                    + "status (1 = event, 0 = censored), not '" + lhs.deparse() + "'");
        }
        List<String> strata = new ArrayList<>();
        Expr rest = withoutStrata(b.right(), strata, text);
        if (rest == null) {
            throw new UsageException("formula: '" + text.trim() + "' has no covariates besides strata(); "
                    + "a Cox model needs at least one");
        }
        checkNoSurvival(rest, text);
        Formula covariates = Formula.parse("~" + rest.deparse() + " + 1");
        if (covariates.termLabels().isEmpty()) {
            throw new UsageException("formula: '" + text.trim() + "' has no covariates; a Cox model needs at least one");
        }
        for (String column : covariates.variables()) {
            if (column.equals(t.name()) || column.equals(s.name())) {
                throw new UsageException("formula: " + column + " is both in Surv() and a covariate in '" + text.trim() + "'");
            }
        }
        String deparsed = lhs.deparse() + " ~ " + b.right().deparse();
        return new SurvivalFormula(deparsed, t.name(), s.name(), strata, covariates);
    }

    /** Removes top-level {@code strata(...)} terms, collecting their columns; null if nothing is left. */
    private static Expr withoutStrata(Expr e, List<String> strata, String text) {
        if (e instanceof Expr.Binary b && b.op().equals("+")) {
            Expr l = withoutStrata(b.left(), strata, text);
            Expr r = withoutStrata(b.right(), strata, text);
            if (l == null) {
                return r;
            }
            return r == null ? l : new Expr.Binary("+", l, r);
        }
        if (e instanceof Expr.Call c && c.function().equals("strata")) {
            if (c.args().isEmpty()) {
                throw new UsageException("formula: strata() needs at least one column in '" + text.trim() + "'");
            }
            for (Expr a : c.args()) {
                if (!(a instanceof Expr.Sym sym)) {
                    throw new UsageException("formula: strata() takes column names, not '" + a.deparse()
                            + "', in '" + text.trim() + "'");
                }
                if (!strata.contains(sym.name())) {
                    strata.add(sym.name());
                }
            }
            return null;
        }
        return e;
    }

    private static void checkNoSurvival(Expr e, String text) {
        if (e instanceof Expr.Call c) {
            if (c.function().equals("strata")) {
                throw new UsageException("formula: strata() can only be added as a term of its own (as in "
                        + "'+ strata(g)'), not used inside '" + e.deparse() + "', in '" + text.trim() + "'");
            }
            if (c.function().equals("Surv")) {
                throw new UsageException("formula: Surv() can only be the response, in '" + text.trim() + "'");
            }
            c.args().forEach(a -> checkNoSurvival(a, text));
        } else if (e instanceof Expr.Binary b) {
            checkNoSurvival(b.left(), text);
            checkNoSurvival(b.right(), text);
        } else if (e instanceof Expr.Unary u) {
            checkNoSurvival(u.operand(), text);
        } else if (e instanceof Expr.Paren p) {
            checkNoSurvival(p.inner(), text);
        }
    }

    /** The formula as R deparses it: {@code Surv(time, status) ~ age + sex + strata(site)}. */
    public String text() {
        return text;
    }

    public String timeColumn() {
        return time;
    }

    public String statusColumn() {
        return status;
    }

    /** The columns of the {@code strata()} terms, in formula order; empty without strata. */
    public List<String> strataColumns() {
        return strata;
    }

    /** The covariate terms as a right-hand-side formula with an intercept (dropped from the design). */
    public Formula covariates() {
        return covariates;
    }

    /** Every column the formula names: time, status, strata columns, then the covariates' columns. */
    public List<String> variables() {
        List<String> out = new ArrayList<>();
        out.add(time);
        out.add(status);
        for (String c : strata) {
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        for (String c : covariates.variables()) {
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The rows of {@code table} that {@code keep} kept (null: all) and whose time, status and
     * strata columns are present: R's model frame drops the others before the covariates are
     * looked at. A missing column is a {@link org.medfed.error.DataException} naming it.
     */
    public boolean[] survivalRowsPresent(Table table, boolean[] keep) {
        boolean[] ok = Completeness.start(table.rowCount(), keep);
        List<String> columns = new ArrayList<>(List.of(time, status));
        columns.addAll(strata);
        for (String c : columns) {
            Completeness.clear(ok, table.column(c));
        }
        return ok;
    }

    /**
     * R's stratum label of each table row ({@code site=a}, or {@code a=1, b=x} for several
     * columns), null where a strata column is missing; all null without strata.
     */
    public String[] strataLabels(Table table) {
        int n = table.rowCount();
        String[] out = new String[n];
        if (strata.isEmpty()) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            boolean missing = false;
            for (String c : strata) {
                Column column = table.column(c);
                String value;
                if (column instanceof TextColumn tc) {
                    value = tc.get(i);
                } else {
                    double v = ((NumericColumn) column).values()[i];
                    value = Double.isNaN(v) ? null : RFormat.numberLabel(v);
                }
                if (value == null) {
                    missing = true;
                    break;
                }
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(c).append('=').append(value);
            }
            out[i] = missing ? null : sb.toString();
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
