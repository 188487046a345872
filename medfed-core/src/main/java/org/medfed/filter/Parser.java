package org.medfed.filter;

import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;

/**
 * Recursive-descent parser with R's precedence, loosest first: {@code | ||}, {@code & &&},
 * {@code !}, comparisons, {@code %in%}. As in R, {@code !x == 1} means {@code !(x == 1)} and
 * comparisons do not chain. The only calls accepted are {@code is.na(column)} and {@code c(...)}
 * of constants after {@code %in%}; any other name followed by a parenthesis is refused, which
 * keeps a filter from ever being more than a condition on columns.
 */
final class Parser {
    private final String text;
    private final List<Token> tokens;
    private int index;

    private Parser(String text) {
        this.text = text;
        this.tokens = Lexer.tokens(text);
    }

    static Expr parse(String text) {
        Parser p = new Parser(text);
        if (p.peek().kind() == Token.Kind.END) {
            throw RowFilter.syntaxError(text, 0, "the expression is empty");
        }
        Expr e = p.or();
        if (p.peek().kind() != Token.Kind.END) {
            throw p.unexpected("an operator such as & or |");
        }
        return e;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token take() {
        return tokens.get(index++);
    }

    private Expr or() {
        Expr left = and();
        while (peek().isOperator("|") || peek().isOperator("||")) {
            int at = take().position();
            left = new Expr.Or(left, and(), at);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().isOperator("&") || peek().isOperator("&&")) {
            int at = take().position();
            left = new Expr.And(left, not(), at);
        }
        return left;
    }

    private Expr not() {
        if (peek().isOperator("!")) {
            int at = take().position();
            return new Expr.Not(not(), at);
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = operand();
        Token t = peek();
        if (t.kind() == Token.Kind.OPERATOR && isComparison(t.text())) {
            index++;
            Expr right = operand();
            if (peek().kind() == Token.Kind.OPERATOR && isComparison(peek().text())) {
                throw unexpected("& or | (comparisons do not chain; write a < x & x < b)");
            }
            return new Expr.Compare(t.text(), left, right, t.position());
        }
        return left;
    }

    private static boolean isComparison(String op) {
        return switch (op) {
            case "==", "!=", "<", "<=", ">", ">=" -> true;
            default -> false;
        };
    }

    private Expr operand() {
        Expr e = primary();
        if (peek().isOperator("%in%")) {
            int at = take().position();
            e = new Expr.In(e, set(), at);
        }
        return e;
    }

    private List<Expr> set() {
        List<Expr> values = new ArrayList<>();
        Token t = peek();
        if (t.is(Token.Kind.NAME, "c") && tokens.get(index + 1).kind() == Token.Kind.LPAREN) {
            index += 2;
            if (peek().kind() != Token.Kind.RPAREN) {
                do {
                    values.add(constant(true));
                } while (peek().kind() == Token.Kind.COMMA && take() != null);
            }
            expect(Token.Kind.RPAREN, "',' or ')'");
        } else {
            values.add(constant(true));
        }
        return values;
    }

    /** A number, string, TRUE/FALSE (and NA where allowed). */
    private Expr constant(boolean allowNa) {
        Expr e = literal(allowNa);
        if (e == null) {
            throw unexpected("a number or a quoted string");
        }
        return e;
    }

    private Expr literal(boolean allowNa) {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                index++;
                return new Expr.Num(Double.parseDouble(t.text()), t.text(), t.position());
            }
            case STRING -> {
                index++;
                return new Expr.Str(t.text(), t.position());
            }
            case OPERATOR -> {
                if (t.text().equals("-") && tokens.get(index + 1).kind() == Token.Kind.NUMBER) {
                    index++;
                    Token n = take();
                    return new Expr.Num(-Double.parseDouble(n.text()), "-" + n.text(), t.position());
                }
                if (t.text().equals("-") && tokens.get(index + 1).is(Token.Kind.NAME, "Inf")) {
                    index += 2;
                    return new Expr.Num(Double.NEGATIVE_INFINITY, "-Inf", t.position());
                }
                return null;
            }
            case NAME -> {
                switch (t.text()) {
                    case "TRUE" -> {
                        index++;
                        return new Expr.Bool(true, t.position());
                    }
                    case "FALSE" -> {
                        index++;
                        return new Expr.Bool(false, t.position());
                    }
                    case "Inf" -> {
                        index++;
                        return new Expr.Num(Double.POSITIVE_INFINITY, "Inf", t.position());
                    }
                    case "NA" -> {
                        if (!allowNa) {
                            throw RowFilter.syntaxError(text, t.position(),
                                    "a comparison with NA is always NA; use is.na(column) or !is.na(column)");
                        }
                        index++;
                        return new Expr.Na(t.position());
                    }
                    default -> {
                        return null;
                    }
                }
            }
            default -> {
                return null;
            }
        }
    }

    private Expr primary() {
        Token t = peek();
        if (t.kind() == Token.Kind.LPAREN) {
            index++;
            Expr inner = or();
            expect(Token.Kind.RPAREN, "')'");
            return inner;
        }
        Expr lit = literal(false);
        if (lit != null) {
            return lit;
        }
        if (t.kind() == Token.Kind.NAME) {
            index++;
            if (peek().kind() == Token.Kind.LPAREN) {
                return call(t);
            }
            return new Expr.Col(t.text(), t.position());
        }
        throw unexpected("a column, a number or a quoted string");
    }

    private Expr call(Token name) {
        if (!name.text().equals("is.na")) {
            throw RowFilter.syntaxError(text, name.position(), "function calls are not allowed here ('"
                    + name.text() + "('); a filter may only use is.na(column) and %in% c(...)");
        }
        index++; // '('
        Token arg = peek();
        if (arg.kind() != Token.Kind.NAME || tokens.get(index + 1).kind() != Token.Kind.RPAREN) {
            throw unexpected("a column name inside is.na()");
        }
        index += 2;
        return new Expr.IsNa(new Expr.Col(arg.text(), arg.position()), name.position());
    }

    private void expect(Token.Kind kind, String what) {
        if (peek().kind() != kind) {
            throw unexpected(what);
        }
        index++;
    }

    private UsageException unexpected(String expected) {
        Token t = peek();
        return RowFilter.syntaxError(text, t.position(), "expected " + expected + ", found " + t.describe());
    }
}
