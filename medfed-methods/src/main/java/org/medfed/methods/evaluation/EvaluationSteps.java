package org.medfed.methods.evaluation;

import java.util.List;
import org.medfed.method.Quantity;

/**
 * The names of the evaluation rounds and of every quantity a site may release in them — the
 * complete list of what leaves a site when a model is evaluated. Shared by both halves so the
 * declarations and the computation cannot drift apart. Every quantity is a SUM over sites.
 */
public final class EvaluationSteps {
    /** Score histograms, Brier sum and the calibration fits' first Newton evaluation. */
    public static final String START = "eval_start";
    /** One more Newton evaluation of the two calibration fits. */
    static final String CALIBRATE = "eval_calibrate";
    /** Counts of fitted values at or below trial thresholds (bisection for the risk-group boundaries). */
    static final String BISECT = "eval_hl_bisect";
    /** Per risk group: rows, events, sum of fitted values. */
    static final String GROUPS = "eval_hl_groups";

    static final String HIST_CASES = "eval_hist_cases";
    static final String HIST_CONTROLS = "eval_hist_controls";
    static final String BRIER = "eval_brier_sum";
    static final String CALIB_SCORE = "eval_calibration_score";
    static final String CALIB_INFO = "eval_calibration_information";
    static final String COUNT_AT_OR_BELOW = "eval_hl_count_at_or_below";
    static final String GROUP_ROWS = "eval_hl_group_rows";
    static final String GROUP_EVENTS = "eval_hl_group_events";
    static final String GROUP_FITTED = "eval_hl_group_fitted_sum";

    /** Request parameters. */
    static final String CALIBRATION = "calibration";
    static final String THRESHOLDS = "thresholds";

    private EvaluationSteps() {
    }

    /** Whether {@code step} is one of the evaluation rounds (which a model's site half hands to {@link EvaluationSite}). */
    public static boolean isEvaluationStep(String step) {
        return step.equals(START) || step.equals(CALIBRATE) || step.equals(BISECT) || step.equals(GROUPS);
    }

    static List<Quantity> startReleases(int bins) {
        return List.of(
                Quantity.sum(HIST_CASES, "number of events (y = 1) per bin of fitted probability, " + bins + " equal bins on [0, 1]", bins),
                Quantity.sum(HIST_CONTROLS, "number of non-events (y = 0) per bin of fitted probability, " + bins + " equal bins on [0, 1]", bins),
                Quantity.sum(BRIER, "sum of squared residuals (y - fitted)^2"),
                calibrationScore(), calibrationInformation());
    }

    static List<Quantity> calibrateReleases() {
        return List.of(calibrationScore(), calibrationInformation());
    }

    private static Quantity calibrationScore() {
        return Quantity.sum(CALIB_SCORE, "calibration fits' scores: sum (y - q)(1, logit p) for y ~ logit(p), "
                + "sum (y - q) for y ~ offset(logit p)", 3);
    }

    private static Quantity calibrationInformation() {
        return Quantity.sum(CALIB_INFO, "calibration fits' information: sum q(1-q)(1, lp, lp^2) for y ~ logit(p), "
                + "sum q(1-q) for y ~ offset(logit p)", 4);
    }

    static List<Quantity> bisectReleases(int thresholds) {
        return List.of(Quantity.sum(COUNT_AT_OR_BELOW, "number of rows whose fitted probability is at or below each trial threshold",
                thresholds));
    }

    static List<Quantity> groupReleases(int groups) {
        return List.of(
                Quantity.sum(GROUP_ROWS, "number of rows per risk group", groups),
                Quantity.sum(GROUP_EVENTS, "number of events (y = 1) per risk group", groups),
                Quantity.sum(GROUP_FITTED, "sum of fitted probabilities per risk group (expected events)", groups));
    }
}
