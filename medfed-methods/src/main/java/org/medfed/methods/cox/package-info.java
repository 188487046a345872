/**
 * Cox proportional hazards by federated Newton–Raphson on the partial likelihood, in the two
 * honest variants of WebDISCO. <b>Pooled baseline</b>: the sites first release their distinct
 * event times (a set union: this reveals event times), then in every round, per time of that
 * shared grid, their risk-set sums and (for Efron's ties) their tied-event sums; the hub
 * cumulates them into the pooled partial likelihood exactly as {@code coxph}. <b>Stratified by
 * site</b> ({@code --stratify-by-site}, R's {@code strata(site)}): each site computes its own
 * strata's log partial likelihood, score and information and releases only those sums — no times.
 * The iteration is survival's {@code coxfit6} (start at 0, step halving, stop when
 * {@code |1 − loglik_old/loglik| ≤ eps}), so iteration counts equal R's. Harrell's concordance
 * follows in one more round: exact pair counts within each site's strata when stratified by site,
 * binned risk scores per grid time with a stated error bound for the pooled baseline. Times and
 * statuses are read as Kaplan–Meier reads them ({@code SurvivalRows}); a site that coarsens its
 * time column when it loads the data releases its step, and the result names it.
 */
package org.medfed.methods.cox;
