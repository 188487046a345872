/**
 * Descriptive statistics before any model: {@code summary} (per column n, missing, mean,
 * variance and sd; level counts of factors), {@code table} (one- and two-way contingency
 * tables, with χ² and Fisher's exact tests computed at the hub from the pooled counts),
 * {@code correlation} (Pearson matrix over complete rows) and {@code ttest} (Welch or pooled
 * two-sample t-test). Each starts with the frame package's schema round (column kinds and
 * factor levels present, harmonized across sites), then releases only SUM aggregates: counts,
 * sums of (optionally clipped) values, and sums of squared deviations (or, for correlations,
 * centred cross-products) around the global means (a second pass, so variances and
 * correlations are exact rather than differences of large sums). Each contribution declares its
 * disclosure facts (rows, smallest released count, rows used) and, where one row's effect is
 * bounded, per-quantity sensitivities for the site's gate to calibrate DP noise from.
 * No noise, suppression or rounding happens here: that is the release gate's job.
 */
package org.medfed.methods.describe;
