/**
 * Descriptive statistics before any model: {@code summary} (per column n, missing, mean,
 * variance and sd; level counts of factors) and {@code table} (one- and two-way contingency
 * tables). Each starts with the frame package's schema round (column kinds and factor levels
 * present, harmonized across sites), then releases only SUM aggregates: counts, sums of
 * (optionally clipped) values, and sums of squared deviations from the global mean (a second
 * pass, so the variance is exact rather than a difference of large sums). Each contribution
 * declares its disclosure facts (rows, smallest released count, rows used) and, where one row's
 * effect is bounded, per-quantity sensitivities for the site's gate to calibrate DP noise from.
 * No noise, suppression or rounding happens here: that is the release gate's job.
 */
package org.medfed.methods.describe;
