/**
 * Evaluation of a fitted binary model from sums over sites: the Hosmer–Lemeshow test (risk groups
 * at type-7 quantiles of the pooled fitted probabilities, found by bisection on global counts),
 * AUC with a DeLong interval and the ROC curve (from case and control histograms of fitted
 * probabilities in fixed fine bins), the Brier score, and calibration intercept and slope (two
 * small federated Newton fits). A model's hub half drives an {@link
 * org.medfed.methods.evaluation.EvaluationHub} after its fit and its site half hands its rows'
 * fitted probabilities and outcomes to an {@link org.medfed.methods.evaluation.EvaluationSite};
 * nothing here knows which model made the probabilities, and no row, fitted value or residual
 * ever leaves a site.
 *
 * <p><b>Small cells.</b> Every count released here is the number of rows whose fitted probability
 * falls in some region of [0, 1], and counts released in different rounds can be subtracted:
 * the bisection's count at or below one threshold minus the count at the previous one is the
 * rows in between, and bisection narrows exactly that. So each contribution declares, as its
 * smallest released count, the smallest non-zero count among the cells of the partition of
 * [0, 1] by every cut the job has released counts at which this release newly splits off (per
 * outcome class where the release is per class), not merely the smallest count it carries;
 * see {@link org.medfed.methods.evaluation.ReleasedCuts}. Fine histograms and exact quantiles
 * localize single rows, so a site whose policy sets {@code min_cell_count} above 1 refuses them;
 * that is the rule working, not a defect.
 */
package org.medfed.methods.evaluation;
