package org.medfed.formula;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.medfed.error.UsageException;

/**
 * R's {@code terms.formula} expansion (EncodeVars in R's model.c): each term is a set of
 * variable indices; {@code +} concatenates, {@code :} ORs pairwise, {@code *} is
 * {@code a + b + a:b}, {@code ^} repeats {@code :}, {@code /} and {@code %in%} nest, {@code -}
 * strips terms, and duplicates are dropped keeping the first occurrence. The list order that
 * falls out of these rules is exactly R's, which is why they are copied rather than simplified.
 */
final class TermExpander {
    private final String text;
    private final List<Expr> variables;
    private boolean intercept = true;
    private boolean parity = true;

    TermExpander(String text, List<Expr> variables) {
        this.text = text;
        this.variables = variables;
    }

    boolean intercept() {
        return intercept;
    }

    /** Installs a variable (R's InstallVar), returning its index. */
    int install(Expr e) {
        int i = variables.indexOf(e);
        if (i >= 0) {
            return i;
        }
        variables.add(e);
        return variables.size() - 1;
    }

    /** Pass 1 (R's ExtractVars): install variables in textual order, so labels order like R's. */
    void extract(Expr e) {
        if (e instanceof Expr.Num) {
            return;
        }
        if (e instanceof Expr.Sym || e instanceof Expr.Call) {
            install(e);
        } else if (e instanceof Expr.Unary u) {
            extract(u.operand());
        } else if (e instanceof Expr.Paren p) {
            extract(p.inner());
        } else if (e instanceof Expr.Binary b) {
            extract(b.left());
            if (!b.op().equals("^")) {
                extract(b.right());
            }
        }
    }

    /** Pass 2 (R's EncodeVars): the expanded term list. */
    List<BitSet> encode(Expr e) {
        if (e instanceof Expr.Num n) {
            if (n.value() == 1) {
                intercept = parity;
            } else if (n.value() == 0) {
                intercept = !parity;
            } else {
                throw new UsageException("formula: invalid term '" + n.deparse() + "' in '" + text
                        + "' (only 0 and 1 may stand alone, to drop or keep the intercept)");
            }
            return new ArrayList<>();
        }
        if (e instanceof Expr.Sym || e instanceof Expr.Call) {
            BitSet t = new BitSet();
            t.set(install(e));
            List<BitSet> list = new ArrayList<>();
            list.add(t);
            return list;
        }
        if (e instanceof Expr.Paren p) {
            return encode(p.inner());
        }
        if (e instanceof Expr.Unary u) {
            if (u.op() == '+') {
                return encode(u.operand());
            }
            return delete(new ArrayList<>(), u.operand());
        }
        Expr.Binary b = (Expr.Binary) e;
        switch (b.op()) {
            case "+": {
                List<BitSet> l = encode(b.left());
                l.addAll(encode(b.right()));
                return trimRepeats(l);
            }
            case "-":
                return delete(encode(b.left()), b.right());
            case ":":
                return trimRepeats(product(encode(b.left()), encode(b.right())));
            case "*": {
                List<BitSet> l = encode(b.left());
                List<BitSet> r = encode(b.right());
                List<BitSet> all = new ArrayList<>(l);
                all.addAll(r);
                all.addAll(product(l, r));
                return trimRepeats(all);
            }
            case "%in%": {
                List<BitSet> l = encode(b.left());
                BitSet union = union(encode(b.right()));
                for (BitSet t : l) {
                    t.or(union);
                }
                return trimRepeats(l);
            }
            case "/": {
                List<BitSet> l = encode(b.left());
                List<BitSet> r = encode(b.right());
                BitSet union = union(l);
                for (BitSet t : r) {
                    t.or(union);
                }
                l.addAll(r);
                return trimRepeats(l);
            }
            case "^": {
                int power = powerOf(b.right());
                List<BitSet> left = encode(b.left());
                List<BitSet> right = left;
                for (int i = 1; i < power; i++) {
                    right = trimRepeats(product(left, right));
                }
                return right;
            }
            default:
                throw new UsageException("formula: unexpected '" + b.op() + "' in '" + text + "'");
        }
    }

    private int powerOf(Expr e) {
        Expr x = e;
        while (x instanceof Expr.Paren p) {
            x = p.inner();
        }
        if (x instanceof Expr.Num n && n.value() >= 2) {
            return (int) n.value();
        }
        throw new UsageException("formula: invalid power '" + e.deparse() + "' in '" + text
                + "' (use a whole number of at least 2, or I() for arithmetic)");
    }

    private List<BitSet> delete(List<BitSet> left, Expr right) {
        parity = !parity;
        List<BitSet> drop = encode(right);
        parity = !parity;
        for (BitSet t : drop) {
            left.removeIf(t::equals);
        }
        return left;
    }

    private static List<BitSet> product(List<BitSet> left, List<BitSet> right) {
        List<BitSet> out = new ArrayList<>();
        for (BitSet l : left) {
            for (BitSet r : right) {
                BitSet t = (BitSet) l.clone();
                t.or(r);
                out.add(t);
            }
        }
        return out;
    }

    private static BitSet union(List<BitSet> terms) {
        BitSet u = new BitSet();
        for (BitSet t : terms) {
            u.or(t);
        }
        return u;
    }

    private static List<BitSet> trimRepeats(List<BitSet> terms) {
        List<BitSet> out = new ArrayList<>();
        for (BitSet t : terms) {
            if (!t.isEmpty() && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
