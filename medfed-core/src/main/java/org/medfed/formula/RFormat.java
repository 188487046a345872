package org.medfed.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Set;

/**
 * R's text forms of numbers and names, needed because design column names embed them
 * ({@code factor(dose)1e+05}, {@code I(x * 0.5)}) and must match R character for character.
 */
final class RFormat {
    private static final MathContext FIFTEEN = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final Set<String> RESERVED = Set.of("if", "else", "repeat", "while", "function",
            "for", "next", "break", "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "NA_integer_",
            "NA_real_", "NA_character_", "NA_complex_", "in");

    private RFormat() {
    }

    /**
     * {@code as.character(v)} for a double in R 4.2: the fewest significant digits (at most 15)
     * that keep the value at 15 digits, printed fixed unless scientific is strictly narrower
     * (R's formatReal with scipen = 0). BigDecimal rounding of the exact binary value matches
     * C's printf, which R uses underneath.
     */
    static String numberLabel(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal sig = exact.round(FIFTEEN).stripTrailingZeros();
        int nsig = sig.precision();
        int kpower = sig.precision() - sig.scale() - 1;
        int neg = v < 0 ? 1 : 0;
        int rgt = Math.max(0, nsig - kpower - 1);
        int left = kpower + 1;
        int fixedWidth = neg + (left <= 0 ? 1 : left) + rgt + (rgt > 0 ? 1 : 0);
        int expDigits = Math.abs(kpower) >= 100 ? 3 : 2;
        int sciWidth = neg + (nsig > 1 ? nsig + 1 : nsig) + 2 + expDigits;
        if (fixedWidth <= sciWidth) {
            return exact.setScale(rgt, RoundingMode.HALF_EVEN).toPlainString();
        }
        String digits = sig.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (neg == 1) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(kpower < 0 ? '-' : '+');
        String e = Integer.toString(Math.abs(kpower));
        if (e.length() < 2) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }

    /** R's rule for names that deparse without backticks. */
    static boolean isSyntacticName(String name) {
        if (name.isEmpty() || RESERVED.contains(name) || name.matches("\\.\\.[0-9]+|\\.\\.\\.")) {
            return false;
        }
        char c0 = name.charAt(0);
        if (!(Character.isLetter(c0) || c0 == '.')) {
            return false;
        }
        if (c0 == '.' && name.length() > 1 && Character.isDigit(name.charAt(1))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
