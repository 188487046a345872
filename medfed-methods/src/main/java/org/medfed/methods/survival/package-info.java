/**
 * The method-independent part of survival data at a site: reading a time and an event column
 * from the site's table with the checks every survival method needs ({@link
 * org.medfed.methods.survival.SurvivalRows}), and the time labels sites exchange to agree on a
 * common time grid ({@link org.medfed.methods.survival.TimeGrid}). Rows with a missing time or
 * status are left out, as R's {@code survfit}/{@code coxph} do with their default
 * {@code na.action = na.omit}; a negative or infinite time, or a status that is not 0/1 or
 * TRUE/FALSE, is an error naming the site, file, line and column. Nothing here releases anything:
 * methods (Kaplan–Meier, log-rank, Cox) build their releases from these rows.
 */
package org.medfed.methods.survival;
