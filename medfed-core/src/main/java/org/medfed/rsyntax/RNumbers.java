package org.medfed.rsyntax;

/** Scanning R numeric literals such as {@code 12}, {@code 0.5}, {@code .5}, {@code 1e-3}, {@code 2E+4}. */
public final class RNumbers {
    private RNumbers() {
    }

    /**
     * The position just past the numeric literal that starts at {@code start}: digits and dots,
     * then an exponent only if a digit follows {@code e}/{@code E} and its optional sign (so
     * {@code 2e} ends before the {@code e}, as in R's lexer). R's integer suffix {@code L} is
     * not consumed.
     */
    public static int end(String text, int start) {
        int pos = start;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int exponent = pos + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && Character.isDigit(text.charAt(exponent))) {
                pos = exponent;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
        }
        return pos;
    }
}
