package org.medfed.methods.multinom;

/**
 * One row of the coefficient table: the coefficient of {@code term} in the log-odds of
 * {@code yLevel} against the reference level, in {@code broom::tidy} names. {@link #name()} is
 * nnet's label {@code level:term}.
 */
public record MultinomCoefficient(String yLevel, String term, double estimate, double stdError, double statistic,
                                  double pValue, double confLow, double confHigh) {

    public String name() {
        return yLevel + ":" + term;
    }
}
