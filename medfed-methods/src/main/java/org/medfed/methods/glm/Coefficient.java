package org.medfed.methods.glm;

/**
 * One row of the coefficient table, in {@code broom::tidy} names. An aliased term has every
 * number NaN (printed {@code NA}, written {@code null}).
 */
public record Coefficient(String term, double estimate, double stdError, double statistic, double pValue,
                          double confLow, double confHigh) {

    public boolean aliased() {
        return Double.isNaN(estimate);
    }
}
