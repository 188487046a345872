package org.medfed.methods.describe;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One quantile of a numeric column (R's {@code quantile(x, prob, type = 7)}), as found by the
 * federated search: at most the column's {@code quantile_precision} above the exact value, never
 * below it.
 */
public record Quantile(double prob, double value) {

    /** The probability as the JSON key and R would write it: "0.25", "0.5", "1". */
    public String key() {
        return BigDecimal.valueOf(prob).stripTrailingZeros().toPlainString();
    }

    /** The probability as R's {@code quantile} names it: "25%". */
    public String percent() {
        return BigDecimal.valueOf(prob * 100).round(new MathContext(7)).stripTrailingZeros().toPlainString() + "%";
    }
}
