package org.medfed.methods.cox;

/** One of summary(coxph)'s global tests: chi-square statistic, degrees of freedom, p-value. */
public record CoxTest(double statistic, int df, double pValue) {
}
