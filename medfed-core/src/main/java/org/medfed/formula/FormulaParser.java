package org.medfed.formula;

import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;

/**
 * Recursive-descent parser for the subset of R's grammar that formulas use, with R's operator
 * precedence (high to low): {@code ^} (right-associative), unary {@code - +}, {@code :},
 * {@code %in%}, {@code * /}, binary {@code + -}, {@code ~}. The same grammar serves the
 * formula level and the arithmetic inside {@code I()}; which meaning applies is decided later,
 * as in R.
 */
final class FormulaParser {
    /** Functions a formula may call; anything else is refused at parse time. */
    static final List<String> FUNCTIONS = List.of("log", "log2", "log10", "log1p", "exp", "expm1",
            "sqrt", "abs", "I", "factor", "offset");

    private final String text;
    private final List<String> functions;
    private int pos;

    private FormulaParser(String text, List<String> functions) {
        this.text = text;
        this.functions = functions;
    }

    /** The parsed formula: a {@code ~} node, unary (no response) or binary. */
    static Expr parse(String text) {
        return parse(text, FUNCTIONS);
    }

    /**
     * As {@link #parse(String)}, accepting calls of {@code functions} (a survival formula adds
     * {@code Surv} and {@code strata}, which only its own reader interprets).
     */
    static Expr parse(String text, List<String> functions) {
        if (text == null || text.isBlank()) {
            throw new UsageException("formula: empty formula");
        }
        FormulaParser p = new FormulaParser(text, functions);
        Expr result = p.parseFormula();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.unexpected();
        }
        return result;
    }

    private Expr parseFormula() {
        skipSpace();
        Expr lhs = null;
        if (!peekIs("~")) {
            lhs = parseAdditive();
            skipSpace();
            if (!peekIs("~")) {
                if (pos >= text.length()) {
                    throw new UsageException("formula: missing '~' in '" + text + "' (write it as response ~ terms)");
                }
                throw unexpected();
            }
        }
        pos++;
        Expr rhs = parseAdditive();
        return lhs == null ? new Expr.Unary('~', rhs) : new Expr.Binary("~", lhs, rhs);
    }

    private Expr parseAdditive() {
        Expr left = parseMultiplicative();
        while (true) {
            skipSpace();
            if (peekIs("+") || peekIs("-")) {
                String op = String.valueOf(text.charAt(pos++));
                left = new Expr.Binary(op, left, parseMultiplicative());
            } else {
                return left;
            }
        }
    }

    private Expr parseMultiplicative() {
        Expr left = parseSpecial();
        while (true) {
            skipSpace();
            if (peekIs("*") || peekIs("/")) {
                String op = String.valueOf(text.charAt(pos++));
                left = new Expr.Binary(op, left, parseSpecial());
            } else {
                return left;
            }
        }
    }

    private Expr parseSpecial() {
        Expr left = parseColon();
        while (true) {
            skipSpace();
            if (peekIs("%")) {
                int start = pos;
                int end = text.indexOf('%', pos + 1);
                if (end < 0) {
                    throw unexpected();
                }
                String op = text.substring(pos, end + 1);
                if (!op.equals("%in%")) {
                    throw new UsageException("formula: unsupported operator '" + op + "' at position " + (start + 1)
                            + " in '" + text + "'");
                }
                pos = end + 1;
                left = new Expr.Binary(op, left, parseColon());
            } else {
                return left;
            }
        }
    }

    private Expr parseColon() {
        Expr left = parseUnary();
        while (true) {
            skipSpace();
            if (peekIs(":")) {
                pos++;
                left = new Expr.Binary(":", left, parseUnary());
            } else {
                return left;
            }
        }
    }

    private Expr parseUnary() {
        skipSpace();
        if (peekIs("-") || peekIs("+")) {
            char op = text.charAt(pos++);
            return new Expr.Unary(op, parseUnary());
        }
        return parsePower();
    }

    private Expr parsePower() {
        Expr base = parsePrimary();
        skipSpace();
        if (peekIs("^")) {
            pos++;
            // R: the exponent may carry a unary sign (x^-1) and ^ is right-associative.
            return new Expr.Binary("^", base, parseUnary());
        }
        return base;
    }

    private Expr parsePrimary() {
        skipSpace();
        if (pos >= text.length()) {
            throw new UsageException("formula: unexpected end of formula in '" + text + "'");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expr inner = parseAdditive();
            expect(')');
            return new Expr.Paren(inner);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return parseNumber();
        }
        if (c == '`') {
            int end = text.indexOf('`', pos + 1);
            if (end < 0) {
                throw new UsageException("formula: unterminated '`' at position " + (pos + 1) + " in '" + text + "'");
            }
            String name = text.substring(pos + 1, end);
            pos = end + 1;
            return new Expr.Sym(name);
        }
        if (Character.isLetter(c) || c == '.') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                    || text.charAt(pos) == '.' || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpace();
            if (peekIs("(")) {
                if (!functions.contains(name)) {
                    throw new UsageException("formula: unknown function '" + name + "' at position " + (start + 1)
                            + " in '" + text + "' (supported: " + String.join(", ", functions) + ")");
                }
                pos++;
                List<Expr> args = new ArrayList<>();
                skipSpace();
                if (!peekIs(")")) {
                    args.add(parseAdditive());
                    skipSpace();
                    while (peekIs(",")) {
                        pos++;
                        args.add(parseAdditive());
                        skipSpace();
                    }
                }
                expect(')');
                return new Expr.Call(name, args);
            }
            if (name.equals(".")) {
                throw new UsageException("formula: '.' (all other columns) is not supported; list the columns in '"
                        + text + "'");
            }
            return new Expr.Sym(name);
        }
        throw unexpected();
    }

    private Expr parseNumber() {
        int start = pos;
        pos = org.medfed.rsyntax.RNumbers.end(text, start);
        String literal = text.substring(start, pos);
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw unexpected();
        }
        try {
            return new Expr.Num(Double.parseDouble(literal));
        } catch (NumberFormatException e) {
            pos = start;
            throw unexpected();
        }
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length()) {
            throw new UsageException("formula: missing '" + c + "' at end of '" + text + "'");
        }
        if (text.charAt(pos) != c) {
            throw unexpected();
        }
        pos++;
    }

    private boolean peekIs(String s) {
        return text.startsWith(s, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private UsageException unexpected() {
        if (pos >= text.length()) {
            return new UsageException("formula: unexpected end of formula in '" + text + "'");
        }
        int cp = text.codePointAt(pos);
        return new UsageException("formula: unexpected '" + new String(Character.toChars(cp)) + "' at position "
                + (pos + 1) + " in '" + text + "'");
    }
}
