package org.medfed.methods.evaluation;

import org.medfed.error.UsageException;

/**
 * How a fitted binary model is to be evaluated; serializes to JSON inside the model's own
 * parameters, so that every process of a job evaluates the same way.
 *
 * @param groups        Hosmer–Lemeshow groups g (R's {@code g}, usually 10); the test has g − 2 df
 * @param histogramBins bins of the case and control score histograms on [0, 1] that AUC, its
 *                      DeLong interval and the ROC curve are computed from; a power of two, so that
 *                      a fitted value's bin {@code floor(p · bins)} is computed without rounding
 */
public record EvaluationParameters(int groups, int histogramBins) {

    public static final int DEFAULT_GROUPS = 10;
    public static final int DEFAULT_HISTOGRAM_BINS = 1 << 16;
    /** 2^20 bins: the two histograms are then 16 MiB of doubles per site, the most one release should carry. */
    public static final int MAX_HISTOGRAM_BINS = 1 << 20;

    public EvaluationParameters {
        if (groups == 0) {
            groups = DEFAULT_GROUPS;
        }
        if (histogramBins == 0) {
            histogramBins = DEFAULT_HISTOGRAM_BINS;
        }
        if (groups < 3 || groups > 100) {
            throw new UsageException("--hl-groups must be between 3 and 100 (the test has groups - 2 degrees of freedom), got "
                    + groups);
        }
        if (histogramBins < 16 || histogramBins > MAX_HISTOGRAM_BINS || Integer.bitCount(histogramBins) != 1) {
            throw new UsageException("--auc-bins must be a power of two between 16 and " + MAX_HISTOGRAM_BINS + ", got "
                    + histogramBins);
        }
    }

    public static EvaluationParameters defaults() {
        return new EvaluationParameters(DEFAULT_GROUPS, DEFAULT_HISTOGRAM_BINS);
    }
}
