package org.medfed.formula;

import java.util.regex.Pattern;

/**
 * Reading a number from a text cell the way R's {@code as.numeric} does for the common forms
 * (surrounding blanks, decimal and exponent notation, Inf, NA). Needed when a column is text at
 * one site (one bad cell made the reader type it as text) but numeric at the others.
 */
final class NumberText {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** Marker for text that is not a number; NaN is R's NA. */
    static final double NOT_A_NUMBER = Double.longBitsToDouble(0x7ff8dead00000000L);

    private NumberText() {
    }

    static double parse(String s) {
        String t = s.strip();
        if (t.equals("NA") || t.isEmpty()) {
            return Double.NaN;
        }
        switch (t) {
            case "Inf", "inf", "+Inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf", "-inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                break;
        }
        if (!DECIMAL.matcher(t).matches()) {
            return NOT_A_NUMBER;
        }
        return Double.parseDouble(t);
    }

    static boolean isNotANumber(double v) {
        return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(NOT_A_NUMBER);
    }
}
