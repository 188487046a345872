package org.medfed.formula;

import java.util.Arrays;
import java.util.List;

/**
 * Evaluates an arithmetic expression over whole columns: one tight loop per operator, no
 * per-row interpretation or boxing. A length-1 array stands for a constant and is broadcast,
 * so {@code I(age^2)} costs one pass over {@code age}. Semantics follow R's C code where it
 * differs from Java: {@code x^2} is {@code x * x}, {@code 1^y} and {@code x^0} are 1.
 */
final class Evaluator {
    private static final double LN2 = Math.log(2.0);

    private Evaluator() {
    }

    /** The expression's value at every table row; NaN where R gives NA or NaN. */
    static double[] evaluate(Expr e, NumericSource source, int n) {
        double[] v = eval(e, source);
        if (v.length == n) {
            return v;
        }
        double[] full = new double[n];
        Arrays.fill(full, v[0]);
        return full;
    }

    private static double[] eval(Expr e, NumericSource src) {
        if (e instanceof Expr.Num num) {
            return new double[] {num.value()};
        }
        if (e instanceof Expr.Sym s) {
            return src.column(s.name());
        }
        if (e instanceof Expr.Paren p) {
            return eval(p.inner(), src);
        }
        if (e instanceof Expr.Unary u) {
            double[] x = eval(u.operand(), src);
            if (u.op() == '+') {
                return x;
            }
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = -x[i];
            }
            return out;
        }
        if (e instanceof Expr.Binary b) {
            return binary(b.op(), eval(b.left(), src), eval(b.right(), src));
        }
        Expr.Call c = (Expr.Call) e;
        List<Expr> args = c.args();
        double[] x = eval(args.get(0), src);
        if (c.function().equals("I")) {
            return x;
        }
        if (c.function().equals("log") && args.size() == 2) {
            double[] base = eval(args.get(1), src);
            if (base.length == 1 && base[0] == 10) {
                return apply("log10", x);
            }
            if (base.length == 1 && base[0] == 2) {
                return apply("log2", x);
            }
            return binary("/", apply("log", x), apply("log", base));
        }
        return apply(c.function(), x);
    }

    private static double[] apply(String function, double[] x) {
        double[] out = new double[x.length];
        switch (function) {
            case "log" -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.log(x[i]);
                }
            }
            case "log2" -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = log2(x[i]);
                }
            }
            case "log10" -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.log10(x[i]);
                }
            }
            case "log1p" -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.log1p(x[i]);
                }
            }
            case "exp" -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.exp(x[i]);
                }
            }
            case "expm1" -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.expm1(x[i]);
                }
            }
            case "sqrt" -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.sqrt(x[i]);
                }
            }
            case "abs" -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.abs(x[i]);
                }
            }
            default -> throw new IllegalStateException("no evaluator for " + function);
        }
        return out;
    }

    private static double log2(double x) {
        // Exact for powers of two, as C's log2 is.
        if (x > 0 && !Double.isInfinite(x) && Double.MIN_NORMAL <= x && (Double.doubleToRawLongBits(x) & 0xfffffffffffffL) == 0) {
            return Math.getExponent(x);
        }
        return Math.log(x) / LN2;
    }

    private static double[] binary(String op, double[] a, double[] b) {
        int n = Math.max(a.length, b.length);
        double[] out = new double[n];
        boolean sa = a.length == 1;
        boolean sb = b.length == 1;
        switch (op) {
            case "+" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[sa ? 0 : i] + b[sb ? 0 : i];
                }
            }
            case "-" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[sa ? 0 : i] - b[sb ? 0 : i];
                }
            }
            case "*" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[sa ? 0 : i] * b[sb ? 0 : i];
                }
            }
            case "/" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[sa ? 0 : i] / b[sb ? 0 : i];
                }
            }
            case "^" -> {
                if (sb && b[0] == 2.0) {
                    for (int i = 0; i < n; i++) {
                        double x = a[sa ? 0 : i];
                        out[i] = x * x;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = rPow(a[sa ? 0 : i], b[sb ? 0 : i]);
                    }
                }
            }
            default -> throw new IllegalStateException("no evaluator for " + op);
        }
        return out;
    }

    /** R's R_pow: special cases before C's pow. */
    static double rPow(double x, double y) {
        if (y == 2.0) {
            return x * x;
        }
        if (x == 1.0 || y == 0.0) {
            return 1.0;
        }
        if (x == 0.0) {
            if (y > 0) {
                return 0.0;
            }
            return y < 0 ? Double.POSITIVE_INFINITY : y;
        }
        return Math.pow(x, y);
    }
}
