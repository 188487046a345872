package org.medfed.methods.cox;

/**
 * Harrell's C of a fitted Cox model as {@code coxph} reports it ({@code fit$concordance}), with
 * survival's standard error and the pair counts it comes from.
 */
public record CoxConcordance(double concordance, double stdError, double concordant, double discordant,
                             double tiedX, double tiedY, double tiedXY) {
}
