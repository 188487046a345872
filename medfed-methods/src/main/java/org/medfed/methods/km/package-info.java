/**
 * Kaplan–Meier curves ({@code km}, R's {@code survfit}) and the log-rank test ({@code logrank}, R's
 * {@code survdiff}) over sites that keep their rows. After the schema round (the group's levels),
 * each site releases its distinct follow-up times as a set union — this reveals every event and
 * censoring time to the hub, not which site holds it — and then, on the hub's grid of all times,
 * its event and censoring counts per group (SUM: secure aggregation sums them). The hub derives
 * the risk sets as reverse cumulative sums and computes everything from the pooled counts, so the
 * result is R's on the pooled rows. Both releases declare the site's risk sets ({@link
 * org.medfed.method.RiskSets}): the site's gate, not the method, cuts a group's follow-up where
 * the site's risk set falls below its {@code min_cell_count} (or refuses), and marks where it did
 * in a per-site quantity that the result's privacy block reports.
 */
package org.medfed.methods.km;
