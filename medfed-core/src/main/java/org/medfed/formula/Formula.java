package org.medfed.formula;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.medfed.error.UsageException;

/**
 * A parsed R model formula with R's term structure: the "variables" (each distinct
 * expression that a term is made of, such as {@code age}, {@code I(age^2)},
 * {@code factor(cyl)}), the expanded terms in R's order (by interaction order, then formula
 * order), the intercept flag and the offsets. Term and variable labels are R's deparse, so they
 * can be compared with R output character for character. Whether a bare variable is numeric
 * or a factor is not known here: that depends on the data, see {@link DesignLayout}.
 */
public final class Formula {
    private final String text;
    private final Expr lhs;
    private final List<Expr> variables;
    private final List<String> variableLabels;
    private final List<BitSet> terms;
    private final boolean intercept;
    private final int[] offsetVariables;
    private final List<String> columns;
    private final List<String> factorKeys;

    private Formula(String text, Expr lhs, List<Expr> variables, List<BitSet> terms, boolean intercept,
            int[] offsetVariables, List<String> columns, List<String> factorKeys) {
        this.text = text;
        this.lhs = lhs;
        this.variables = List.copyOf(variables);
        List<String> labels = new ArrayList<>();
        for (Expr v : variables) {
            labels.add(v.deparse());
        }
        this.variableLabels = List.copyOf(labels);
        this.terms = terms;
        this.intercept = intercept;
        this.offsetVariables = offsetVariables;
        this.columns = List.copyOf(columns);
        this.factorKeys = List.copyOf(factorKeys);
    }

    /**
     * Parses {@code text}; a {@link UsageException} names the offending token and position,
     * or the unknown function.
     */
    public static Formula parse(String text) {
        Expr tree = FormulaParser.parse(text);
        Expr lhs = null;
        Expr rhs;
        if (tree instanceof Expr.Binary b) {
            lhs = b.left();
            rhs = b.right();
        } else {
            rhs = ((Expr.Unary) tree).operand();
        }
        String deparsed = lhs == null ? "~" + rhs.deparse() : tree.deparse();
        if (lhs != null) {
            checkArithmetic(lhs, deparsed, "the response");
        }

        List<Expr> variables = new ArrayList<>();
        TermExpander expander = new TermExpander(deparsed, variables);
        if (lhs != null) {
            expander.install(lhs);
        }
        expander.extract(rhs);
        List<BitSet> expanded = expander.encode(rhs);
        for (Expr v : variables) {
            if (v != lhs) {
                checkTermVariable(v, deparsed);
            }
        }

        // R's step 2b: offsets are variables named offset(...); any term holding one goes.
        List<Integer> offsets = new ArrayList<>();
        for (int i = lhs == null ? 0 : 1; i < variables.size(); i++) {
            if (isCall(variables.get(i), "offset")) {
                offsets.add(i);
            }
        }
        List<BitSet> kept = new ArrayList<>();
        for (BitSet t : expanded) {
            boolean hasOffset = false;
            for (int o : offsets) {
                hasOffset |= t.get(o);
            }
            if (!hasOffset) {
                kept.add(t);
            }
        }
        // R's step 3: stable sort by interaction order (keep.order = FALSE).
        List<BitSet> sorted = new ArrayList<>(kept);
        sorted.sort((a, b) -> Integer.compare(a.cardinality(), b.cardinality()));

        Set<String> columns = new LinkedHashSet<>();
        if (lhs != null) {
            collectSymbols(lhs, columns);
        }
        collectSymbols(rhs, columns);

        Set<String> keys = new LinkedHashSet<>();
        int response = lhs == null ? -1 : 0;
        for (BitSet t : sorted) {
            for (int i = t.nextSetBit(0); i >= 0; i = t.nextSetBit(i + 1)) {
                if (i == response) {
                    continue;
                }
                String key = factorKey(variables.get(i));
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        return new Formula(deparsed, lhs, variables, sorted, expander.intercept(),
                offsets.stream().mapToInt(Integer::intValue).toArray(), new ArrayList<>(columns), new ArrayList<>(keys));
    }

    /** The formula as R deparses it, on one line: {@code low ~ age + I(age^2)}. */
    public String text() {
        return text;
    }

    /** The left-hand side as R deparses it ({@code low}, {@code log(y)}), or null without one. */
    public String responseLabel() {
        return lhs == null ? null : lhs.deparse();
    }

    /** Every data column the formula names, in order of first appearance, each once. */
    public List<String> variables() {
        return columns;
    }

    public boolean hasIntercept() {
        return intercept;
    }

    public boolean hasOffset() {
        return offsetVariables.length > 0;
    }

    /** R's {@code offset(...)} labels, in formula order; their values are summed. */
    public List<String> offsetLabels() {
        List<String> out = new ArrayList<>();
        for (int o : offsetVariables) {
            out.add(variableLabels.get(o));
        }
        return out;
    }

    /** R's {@code attr(terms(f), "term.labels")}: expanded terms in R's order. */
    public List<String> termLabels() {
        List<String> out = new ArrayList<>();
        for (BitSet t : terms) {
            out.add(termLabel(t));
        }
        return out;
    }

    /**
     * The sources that may need factor levels: each bare column that appears in a term (a
     * factor if it is text at the sites) by its name, and each {@code factor(x)} by its label.
     */
    public List<String> factorKeys() {
        return factorKeys;
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- package-private structure for DesignLayout and ModelFrame ----

    List<Expr> variableExprs() {
        return variables;
    }

    List<String> variableLabels() {
        return variableLabels;
    }

    List<BitSet> terms() {
        return Collections.unmodifiableList(terms);
    }

    /** Index of the response among the variables, or -1. */
    int responseIndex() {
        return lhs == null ? -1 : 0;
    }

    Expr responseExpr() {
        return lhs;
    }

    int[] offsetIndices() {
        return offsetVariables.clone();
    }

    String termLabel(BitSet t) {
        StringBuilder sb = new StringBuilder();
        for (int i = t.nextSetBit(0); i >= 0; i = t.nextSetBit(i + 1)) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(variableLabels.get(i));
        }
        return sb.toString();
    }

    /** The factor-levels key of a term variable, or null if it can only be numeric. */
    static String factorKey(Expr v) {
        if (v instanceof Expr.Sym s) {
            return s.name();
        }
        if (isCall(v, "factor")) {
            return v.deparse();
        }
        return null;
    }

    static boolean isCall(Expr e, String function) {
        return e instanceof Expr.Call c && c.function().equals(function);
    }

    private static void checkTermVariable(Expr v, String text) {
        if (v instanceof Expr.Sym) {
            return;
        }
        Expr.Call c = (Expr.Call) v;
        switch (c.function()) {
            case "factor":
                if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Sym)) {
                    throw new UsageException("formula: factor() takes one column name, not '" + c.deparse()
                            + "', in '" + text + "'");
                }
                return;
            case "offset":
                if (c.args().size() != 1) {
                    throw new UsageException("formula: offset() takes one expression, not '" + c.deparse()
                            + "', in '" + text + "'");
                }
                checkArithmetic(c.args().get(0), text, c.deparse());
                return;
            default:
                checkArithmetic(c, text, c.deparse());
        }
    }

    /** Arithmetic allowed inside I(), log() etc.: numbers, columns, + - * / ^, math functions. */
    private static void checkArithmetic(Expr e, String text, String where) {
        if (e instanceof Expr.Num || e instanceof Expr.Sym) {
            return;
        }
        if (e instanceof Expr.Paren p) {
            checkArithmetic(p.inner(), text, where);
        } else if (e instanceof Expr.Unary u) {
            if (u.op() == '~') {
                throw new UsageException("formula: unexpected '~' in " + where + " of '" + text + "'");
            }
            checkArithmetic(u.operand(), text, where);
        } else if (e instanceof Expr.Binary b) {
            if (!List.of("+", "-", "*", "/", "^").contains(b.op())) {
                throw new UsageException("formula: operator '" + b.op() + "' cannot be used inside " + where
                        + " in '" + text + "' (arithmetic there allows + - * / ^)");
            }
            checkArithmetic(b.left(), text, where);
            checkArithmetic(b.right(), text, where);
        } else {
            Expr.Call c = (Expr.Call) e;
            if (c.function().equals("factor") || c.function().equals("offset")) {
                throw new UsageException("formula: " + c.function() + "() cannot be used inside " + where
                        + " in '" + text + "'");
            }
            int max = c.function().equals("log") ? 2 : 1;
            if (c.args().isEmpty() || c.args().size() > max) {
                throw new UsageException("formula: " + c.function() + "() takes " + (max == 2 ? "one or two arguments" : "one argument")
                        + ", in '" + text + "'");
            }
            for (Expr a : c.args()) {
                checkArithmetic(a, text, where);
            }
        }
    }

    private static void collectSymbols(Expr e, Set<String> out) {
        if (e instanceof Expr.Sym s) {
            out.add(s.name());
        } else if (e instanceof Expr.Call c) {
            for (Expr a : c.args()) {
                collectSymbols(a, out);
            }
        } else if (e instanceof Expr.Unary u) {
            collectSymbols(u.operand(), out);
        } else if (e instanceof Expr.Paren p) {
            collectSymbols(p.inner(), out);
        } else if (e instanceof Expr.Binary b) {
            collectSymbols(b.left(), out);
            collectSymbols(b.right(), out);
        }
    }
}
