package org.medfed.formula;

import java.util.List;
import java.util.Set;

/**
 * A parsed R expression: the formula itself and every variable in it. Parentheses are kept as
 * nodes because R keeps them in the call tree, so {@code I((x + 1)^2)} deparses back exactly.
 * Records give structural equality, which is R's {@code MatchVar}: two terms are the same
 * variable when their trees are equal (numbers compared by value).
 */
sealed interface Expr permits Expr.Num, Expr.Sym, Expr.Call, Expr.Unary, Expr.Binary, Expr.Paren {

    /** R's deparse of this expression on one line. */
    String deparse();

    record Num(double value) implements Expr {
        @Override
        public String deparse() {
            return RFormat.numberLabel(value);
        }
    }

    record Sym(String name) implements Expr {
        @Override
        public String deparse() {
            return RFormat.isSyntacticName(name) ? name : "`" + name.replace("`", "\\`") + "`";
        }
    }

    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String deparse() {
            StringBuilder sb = new StringBuilder(function).append('(');
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(args.get(i).deparse());
            }
            return sb.append(')').toString();
        }
    }

    record Unary(char op, Expr operand) implements Expr {
        @Override
        public String deparse() {
            return op + operand.deparse();
        }
    }

    record Binary(String op, Expr left, Expr right) implements Expr {
        // R's deparse puts spaces around these and not around ^, /, : (checked against R 4.2).
        private static final Set<String> SPACED = Set.of("+", "-", "*", "~", "%in%");

        @Override
        public String deparse() {
            String sep = SPACED.contains(op) ? " " + op + " " : op;
            return left.deparse() + sep + right.deparse();
        }
    }

    record Paren(Expr inner) implements Expr {
        @Override
        public String deparse() {
            return "(" + inner.deparse() + ")";
        }
    }
}
