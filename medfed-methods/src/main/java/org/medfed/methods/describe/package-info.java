/**
 * Descriptive statistics before any model: {@code summary} (per column n, missing, mean,
 * variance and sd, type-7 quantiles, minimum and maximum, histogram counts; level counts of
 * factors), {@code table} (one- and two-way contingency tables, with χ² and Fisher's exact tests
 * computed at the hub from the pooled counts), {@code correlation} (Pearson matrix over complete
 * rows) and {@code ttest} (Welch or pooled two-sample t-test). Each starts with the frame
 * package's schema round (column kinds and factor levels present, harmonized across sites), then
 * releases only aggregates: counts, sums of (optionally clipped) values, and sums of squared
 * deviations (or, for correlations, centred cross-products) around the global means (a second
 * pass, so variances and correlations are exact rather than differences of large sums); for
 * summary also counts of values at or below the hub's thresholds and counts per histogram bin —
 * all SUM — plus each site's own extremes (PER_SITE). Each contribution declares its disclosure
 * facts (rows, smallest released count, rows used) and, where one row's effect is bounded,
 * per-quantity sensitivities for the site's gate to calibrate DP noise from.
 *
 * <p>Quantiles come from a search on global counts ({@link org.medfed.methods.describe.OrderStatisticSearch})
 * on a decimal grid whose step ({@link org.medfed.methods.describe.SearchGrid}) is the precision
 * the result states: each quantile is at most one step above its exact value, never below. The
 * thresholds a column's counts are released at cut a site's values into cells; the site declares
 * its lowest and highest non-empty cell as its smallest released count, so the gate's minimum-cell
 * rule stops a search that would isolate a site's extreme rows, and no two thresholds are closer
 * than the stated precision. Minimum and maximum are declared single-row values and histogram bins
 * suppressible cells: whether they leave, are withheld, suppressed or refused is the gate's
 * decision under the site's policy ({@code allow_extremes}, {@code small_cells}), never the
 * method's. No noise, suppression or rounding happens here.
 */
package org.medfed.methods.describe;
