package org.medfed.filter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.DataException;

/**
 * Evaluates a parsed filter over a whole table at once. Each node looks its column up once and
 * produces a logical vector ({@link Truth}); nothing is looked up per row. Types are checked
 * against the site's actual columns here, because the same filter may meet a text column at one
 * site and a numeric one at another; such a mismatch is a {@link DataException} naming the site,
 * file and column.
 */
final class Evaluator {
    private final String text;
    private final Table table;
    private final int n;

    Evaluator(String text, Table table) {
        this.text = text;
        this.table = table;
        this.n = table.rowCount();
    }

    byte[] logical(Expr e) {
        if (e instanceof Expr.Bool b) {
            return Truth.filled(n, Truth.of(b.value()));
        } else if (e instanceof Expr.Not not) {
            return Truth.not(logical(not.operand()));
        } else if (e instanceof Expr.And and) {
            return Truth.and(logical(and.left()), logical(and.right()));
        } else if (e instanceof Expr.Or or) {
            return Truth.or(logical(or.left()), logical(or.right()));
        } else if (e instanceof Expr.IsNa isNa) {
            return isNa(column((Expr.Col) isNa.operand()));
        } else if (e instanceof Expr.In in) {
            return in(in);
        } else if (e instanceof Expr.Compare c) {
            return compare(c);
        } else if (e instanceof Expr.Col col) {
            return bareColumn(col);
        }
        String what = e instanceof Expr.Num ? "a number" : e instanceof Expr.Str ? "a string" : "NA";
        throw RowFilter.syntaxError(text, e.position(), what + " on its own is not a condition");
    }

    private Column column(Expr.Col col) {
        return table.column(col.name());
    }

    private DataException typeError(String column, String problem) {
        return new DataException(table.location().withColumn(column), problem + " in --where \"" + text + "\"");
    }

    private byte[] isNa(Column c) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = Truth.of(c.isMissing(i));
        }
        return out;
    }

    /** A TRUE/FALSE text column used as the condition itself, as R allows for logical columns. */
    private byte[] bareColumn(Expr.Col col) {
        Column c = column(col);
        if (c instanceof TextColumn t) {
            byte[] byCode = new byte[t.dictionary().length];
            boolean logical = true;
            for (int k = 0; k < byCode.length; k++) {
                String v = t.dictionary()[k];
                logical &= v.equals("TRUE") || v.equals("FALSE");
                byCode[k] = Truth.of(v.equals("TRUE"));
            }
            if (logical) {
                int[] codes = t.codes();
                byte[] out = new byte[n];
                for (int i = 0; i < n; i++) {
                    out[i] = codes[i] < 0 ? Truth.NA : byCode[codes[i]];
                }
                return out;
            }
        }
        throw typeError(col.name(), "the column is not a TRUE/FALSE column, so it cannot be a condition on its own;"
                + " compare it, e.g. " + col.name() + " == 1,");
    }

    private byte[] in(Expr.In in) {
        if (!(in.operand() instanceof Expr.Col col)) {
            throw RowFilter.syntaxError(text, in.position(), "the left side of %in% must be a column");
        }
        List<Expr> values = in.values();
        boolean hasNa = values.stream().anyMatch(v -> v instanceof Expr.Na);
        byte naResult = Truth.of(hasNa); // R: NA %in% c(...) is TRUE only when the set holds NA
        Column c = column(col);
        byte[] out = new byte[n];
        if (c instanceof NumericColumn num) {
            double[] set = values.stream().filter(v -> !(v instanceof Expr.Na)).mapToDouble(v -> {
                if (v instanceof Expr.Str s) {
                    throw typeError(col.name(), "the column is numeric but %in% lists the text \"" + s.value() + "\"");
                }
                return number(v);
            }).toArray();
            double[] x = num.values();
            for (int i = 0; i < n; i++) {
                double v = x[i];
                if (Double.isNaN(v)) {
                    out[i] = naResult;
                    continue;
                }
                byte hit = Truth.FALSE;
                for (double s : set) {
                    if (v == s) {
                        hit = Truth.TRUE;
                        break;
                    }
                }
                out[i] = hit;
            }
        } else {
            TextColumn t = (TextColumn) c;
            Map<String, Integer> index = dictionaryIndex(t);
            boolean[] member = new boolean[t.dictionary().length];
            for (Expr v : values) {
                if (v instanceof Expr.Num num) {
                    throw typeError(col.name(), "the column is text but %in% lists the number " + num.text());
                }
                String s = asText(v);
                Integer k = s == null ? null : index.get(s);
                if (k != null) {
                    member[k] = true;
                }
            }
            int[] codes = t.codes();
            for (int i = 0; i < n; i++) {
                out[i] = codes[i] < 0 ? naResult : Truth.of(member[codes[i]]);
            }
        }
        return out;
    }

    private byte[] compare(Expr.Compare c) {
        Expr left = c.left();
        Expr right = c.right();
        String op = c.op();
        if (!isValue(left) || !isValue(right)) {
            throw RowFilter.syntaxError(text, c.position(), "both sides of " + op + " must be a column or a value, not a condition");
        }
        if (!(left instanceof Expr.Col) && right instanceof Expr.Col) {
            Expr swap = left;
            left = right;
            right = swap;
            op = mirror(op);
        }
        if (!(left instanceof Expr.Col col)) {
            return Truth.filled(n, constantCompare(op, left, right, c.position()));
        }
        Column lc = column(col);
        if (right instanceof Expr.Col rcol) {
            Column rc = column(rcol);
            if (lc instanceof NumericColumn a && rc instanceof NumericColumn b) {
                return numeric(op, a.values(), b.values());
            }
            if (lc instanceof TextColumn a && rc instanceof TextColumn b) {
                requireEquality(op, col.name());
                return textColumns(op, a, b);
            }
            throw typeError(col.name(), "column " + col.name() + " and column " + rcol.name()
                    + " cannot be compared: one is numeric, the other text,");
        }
        if (lc instanceof NumericColumn a) {
            if (right instanceof Expr.Str s) {
                throw typeError(col.name(), "the column is numeric but is compared with the text \"" + s.value() + "\"");
            }
            return numeric(op, a.values(), number(right));
        }
        TextColumn t = (TextColumn) lc;
        if (right instanceof Expr.Num num) {
            throw typeError(col.name(), "the column is text but is compared with the number " + num.text());
        }
        requireEquality(op, col.name());
        return text(op, t, asText(right));
    }

    private static boolean isValue(Expr e) {
        return e instanceof Expr.Col || e instanceof Expr.Num || e instanceof Expr.Str || e instanceof Expr.Bool;
    }

    private static String mirror(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private void requireEquality(String op, String column) {
        if (!op.equals("==") && !op.equals("!=")) {
            // R orders strings by the locale's collation, which medfed cannot promise to match.
            throw typeError(column, "the column is text and text can only be compared with == or != (not " + op + ")");
        }
    }

    private byte constantCompare(String op, Expr a, Expr b, int position) {
        if (a instanceof Expr.Str sa && b instanceof Expr.Str sb) {
            if (!op.equals("==") && !op.equals("!=")) {
                throw RowFilter.syntaxError(text, position, "strings can only be compared with == or !=");
            }
            return Truth.of(sa.value().equals(sb.value()) == op.equals("=="));
        }
        if (a instanceof Expr.Str || b instanceof Expr.Str) {
            throw RowFilter.syntaxError(text, position, "a number cannot be compared with a string");
        }
        return Truth.of(test(op, number(a), number(b)));
    }

    /** A string or TRUE/FALSE as the text medfed stores for it; null for NA. */
    private static String asText(Expr e) {
        if (e instanceof Expr.Str s) {
            return s.value();
        }
        if (e instanceof Expr.Bool b) {
            return b.value() ? "TRUE" : "FALSE";
        }
        return null;
    }

    private static double number(Expr e) {
        return e instanceof Expr.Num num ? num.value() : ((Expr.Bool) e).value() ? 1 : 0;
    }

    private static boolean test(String op, double a, double b) {
        return switch (op) {
            case "==" -> a == b;
            case "!=" -> a != b;
            case "<" -> a < b;
            case "<=" -> a <= b;
            case ">" -> a > b;
            case ">=" -> a >= b;
            default -> throw new IllegalArgumentException(op);
        };
    }

    private byte[] numeric(String op, double[] x, double v) {
        byte[] out = new byte[n];
        if (Double.isNaN(v)) {
            java.util.Arrays.fill(out, Truth.NA);
            return out;
        }
        // One loop per operator keeps the per-row work to a single comparison.
        switch (op) {
            case "==" -> { for (int i = 0; i < n; i++) { out[i] = x[i] != x[i] ? Truth.NA : Truth.of(x[i] == v); } }
            case "!=" -> { for (int i = 0; i < n; i++) { out[i] = x[i] != x[i] ? Truth.NA : Truth.of(x[i] != v); } }
            case "<" -> { for (int i = 0; i < n; i++) { out[i] = x[i] != x[i] ? Truth.NA : Truth.of(x[i] < v); } }
            case "<=" -> { for (int i = 0; i < n; i++) { out[i] = x[i] != x[i] ? Truth.NA : Truth.of(x[i] <= v); } }
            case ">" -> { for (int i = 0; i < n; i++) { out[i] = x[i] != x[i] ? Truth.NA : Truth.of(x[i] > v); } }
            case ">=" -> { for (int i = 0; i < n; i++) { out[i] = x[i] != x[i] ? Truth.NA : Truth.of(x[i] >= v); } }
            default -> throw new IllegalArgumentException(op);
        }
        return out;
    }

    private byte[] numeric(String op, double[] x, double[] y) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = Double.isNaN(x[i]) || Double.isNaN(y[i]) ? Truth.NA : Truth.of(test(op, x[i], y[i]));
        }
        return out;
    }

    private byte[] text(String op, TextColumn t, String value) {
        Integer k = dictionaryIndex(t).get(value);
        int code = k == null ? -2 : k;
        boolean equal = op.equals("==");
        int[] codes = t.codes();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = codes[i] < 0 ? Truth.NA : Truth.of((codes[i] == code) == equal);
        }
        return out;
    }

    private byte[] textColumns(String op, TextColumn a, TextColumn b) {
        // The two dictionaries are independent: translate a's codes into b's once.
        Map<String, Integer> bIndex = dictionaryIndex(b);
        int[] aToB = new int[a.dictionary().length];
        for (int k = 0; k < aToB.length; k++) {
            aToB[k] = bIndex.getOrDefault(a.dictionary()[k], -2);
        }
        boolean equal = op.equals("==");
        int[] ca = a.codes();
        int[] cb = b.codes();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = ca[i] < 0 || cb[i] < 0 ? Truth.NA : Truth.of((aToB[ca[i]] == cb[i]) == equal);
        }
        return out;
    }

    private static Map<String, Integer> dictionaryIndex(TextColumn t) {
        String[] d = t.dictionary();
        Map<String, Integer> index = new HashMap<>(d.length * 2);
        for (int k = 0; k < d.length; k++) {
            index.put(d[k], k);
        }
        return index;
    }
}
