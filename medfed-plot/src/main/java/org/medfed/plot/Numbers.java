package org.medfed.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers as a paper's table prints them: odds ratios with two decimals, large values with three
 * significant digits, tiny ones in scientific notation, p-values below 0.001 as "&lt;0.001", and a
 * real minus sign.
 */
final class Numbers {
    static final String MINUS = "\u2212";

    private Numbers() {
    }

    /** An estimate or interval end: 1.05, 0.043, 12.3, 1234, 1.2e-05. */
    static String effect(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : MINUS + "\u221e";
        }
        double a = Math.abs(v);
        String s;
        if (a == 0) {
            s = "0";
        } else if (a >= 1e6 || a < 1e-4) {
            s = String.format(Locale.ROOT, "%.2g", a).replace("e+0", "e").replace("e+", "e").replace("e-0", "e-");
        } else if (a >= 10) {
            s = new BigDecimal(a).round(new MathContext(3, RoundingMode.HALF_EVEN)).toPlainString();
        } else if (a >= 0.1) {
            s = String.format(Locale.ROOT, "%.2f", a);
        } else {
            s = new BigDecimal(a).round(new MathContext(2, RoundingMode.HALF_EVEN)).toPlainString();
        }
        return v < 0 && !isZero(s) ? MINUS + s : s;
    }

    /** A p-value: 0.688, 0.043, &lt;0.001. */
    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "NA";
        }
        if (p < 0.001) {
            return "<0.001";
        }
        return String.format(Locale.ROOT, "%.3f", p);
    }

    /** An axis tick: as short as the value allows (0.5, 1, 2.5, 100, 0.001). */
    static String tick(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        String s = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
        return s.startsWith("-") ? MINUS + s.substring(1) : s;
    }

    /** A confidence level as a percentage: 0.95 as "95", 0.975 as "97.5". */
    static String percent(double level) {
        return tick(Math.round(level * 1e6) / 1e4);
    }

    private static boolean isZero(String s) {
        return s.chars().allMatch(c -> c == '0' || c == '.');
    }
}
