package org.medfed.methods.cox;

/**
 * Harrell's C of a fitted Cox model as {@code coxph} reports it ({@code fit$concordance}), with
 * the pair counts it comes from. Exact (site-stratified design: {@code bins} = 0, error bound 0,
 * survival's standard error) or from binned risk scores (pooled design): then {@code concordant}
 * and {@code discordant} count the pairs whose scores fall in different bins, {@code tiedX} the
 * pairs in the same bin (true ties among them), {@code tiedXY} and {@code stdError} are unknown
 * (NaN), and the exact C lies within {@code errorBound} of {@code concordance}.
 */
public record CoxConcordance(double concordance, double stdError, double concordant, double discordant,
                             double tiedX, double tiedY, double tiedXY, double errorBound, int bins) {

    public boolean exact() {
        return bins == 0;
    }
}
