package org.medfed.filter;

/** One lexical unit of a filter, with its 0-based position in the text for error messages. */
record Token(Kind kind, String text, int position) {

    enum Kind {
        NAME, NUMBER, STRING, OPERATOR, LPAREN, RPAREN, COMMA, END
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOperator(String t) {
        return is(Kind.OPERATOR, t);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "end of expression";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
