package org.medfed.methods.cox;

/**
 * One row of a Cox model's coefficient table in {@code broom::tidy} names plus the hazard ratio
 * and its interval. A coefficient R reports as NA (singular information) has every number NaN.
 */
public record CoxCoefficient(String term, double estimate, double stdError, double statistic, double pValue,
                             double confLow, double confHigh, double expEstimate, double expConfLow,
                             double expConfHigh) {

    public boolean aliased() {
        return Double.isNaN(estimate);
    }
}
