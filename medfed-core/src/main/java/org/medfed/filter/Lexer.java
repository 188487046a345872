package org.medfed.filter;

import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;

/**
 * Splits a filter into tokens following R's lexical rules where they matter here: names may
 * contain dots and underscores (or be written in backquotes), strings use single or double
 * quotes with backslash escapes, numbers may have a decimal part, an exponent and R's
 * {@code L} suffix.
 */
final class Lexer {
    private static final String[] OPERATORS = {"%in%", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "&", "|", "!", "-"};

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        Lexer lexer = new Lexer(text);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (t.kind() != Token.Kind.END);
        return out;
    }

    private Token next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            return new Token(Token.Kind.END, "", start);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                return new Token(Token.Kind.LPAREN, "(", start);
            }
            case ')' -> {
                pos++;
                return new Token(Token.Kind.RPAREN, ")", start);
            }
            case ',' -> {
                pos++;
                return new Token(Token.Kind.COMMA, ",", start);
            }
            case '"', '\'' -> {
                return string(c);
            }
            case '`' -> {
                int end = text.indexOf('`', pos + 1);
                if (end < 0) {
                    throw error(start, "backquoted name is not closed");
                }
                pos = end + 1;
                return new Token(Token.Kind.NAME, text.substring(start + 1, end), start);
            }
            default -> {
            }
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '.') {
            while (pos < text.length() && isNamePart(text.charAt(pos))) {
                pos++;
            }
            return new Token(Token.Kind.NAME, text.substring(start, pos), start);
        }
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Token.Kind.OPERATOR, op, start);
            }
        }
        if (c == '=') {
            throw error(start, "'=' is assignment; use '==' to compare");
        }
        throw error(start, "unexpected character '" + c + "'");
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_';
    }

    private Token number() {
        int start = pos;
        pos = org.medfed.rsyntax.RNumbers.end(text, start);
        String literal = text.substring(start, pos);
        if (pos < text.length() && text.charAt(pos) == 'L') {
            pos++; // R's integer suffix: the value is the same number
        }
        if (pos < text.length() && isNamePart(text.charAt(pos))) {
            throw error(pos, "unexpected '" + text.charAt(pos) + "' after the number " + literal);
        }
        try {
            Double.parseDouble(literal);
        } catch (NumberFormatException e) {
            throw error(start, "'" + literal + "' is not a number");
        }
        return new Token(Token.Kind.NUMBER, literal, start);
    }

    private Token string(char quote) {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return new Token(Token.Kind.STRING, sb.toString(), start);
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        throw error(start, "string is not closed");
    }

    private UsageException error(int at, String problem) {
        return RowFilter.syntaxError(text, at, problem);
    }
}
