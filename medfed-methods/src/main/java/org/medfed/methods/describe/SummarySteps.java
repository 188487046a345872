package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.formula.Formula;
import org.medfed.method.Quantity;
import org.medfed.methods.frame.FrameRound;

/**
 * The rounds of a summary job and every quantity a site may release in them — the complete list
 * of what leaves a site. Shared by both halves so declarations and computation cannot drift.
 */
final class SummarySteps {
    static final String MOMENTS = "moments";
    static final String DEVIATIONS = "deviations";
    static final String QUANTILES = "quantiles";
    static final String HISTOGRAM = "histogram";

    static final String N = "n";
    static final String MISSING = "missing";
    static final String SUM = "sum";
    static final String SUM_SQ_DEV = "sum_sq_dev";
    static final String LEVEL_COUNTS = "level_counts:";
    /** Per factor column: 1 where this site's gate suppressed the level's count (sent as zeros). */
    static final String LEVEL_SUPPRESSED = "level_suppressed:";
    /** Per site, per numeric column: its smallest and largest value (single-row values). */
    static final String EXTREMES = "extremes";
    static final String COUNT_AT_MOST = "count_le:";
    static final String HISTOGRAM_COUNTS = "histogram:";
    static final String HISTOGRAM_SUPPRESSED = "histogram_suppressed:";

    /** Request parameter of the deviations round: the global mean of each numeric column. */
    static final String MEAN = "mean";
    /** Request parameter of a quantile round: the thresholds of one column. */
    static final String THRESHOLDS = "thresholds:";
    /** Request parameter of the histogram round: the fuzzy bin edges of one column. */
    static final String EDGES = "edges:";

    private SummarySteps() {
    }

    /** The columns as a formula ({@code ~ `a` + `b`}), which is how the schema round names them. */
    static Formula formula(List<String> columns) {
        List<String> terms = new ArrayList<>();
        for (String c : columns) {
            terms.add(FrameRound.quoted(c));
        }
        return Formula.parse("~ " + String.join(" + ", terms));
    }

    /**
     * @param columns all columns
     * @param numeric how many of them are numeric
     * @param levels  the agreed levels of each factor column
     */
    static List<Quantity> momentReleases(int columns, int numeric, Map<String, List<String>> levels) {
        List<Quantity> q = new ArrayList<>();
        q.add(Quantity.sum(N, "per column: number of non-missing values", columns));
        q.add(Quantity.sum(MISSING, "per column: number of missing values", columns));
        if (numeric > 0) {
            q.add(Quantity.sum(SUM, "per numeric column: sum of the (clipped) values", numeric));
        }
        levels.forEach((column, lv) -> {
            q.add(Quantity.sum(LEVEL_COUNTS + column, "number of rows at each level of " + column, lv.size()));
            q.add(Quantity.sum(LEVEL_SUPPRESSED + column, "1 where this site's gate suppressed the count of a level of "
                    + column + " (below its minimum, or a complement protecting one)", lv.size()));
        });
        return q;
    }

    /** @param extremes whether each site's minimum and maximum are asked for too */
    static List<Quantity> deviationReleases(int numeric, boolean extremes) {
        List<Quantity> q = new ArrayList<>();
        q.add(Quantity.sum(SUM_SQ_DEV, "per numeric column: sum of squared deviations of the "
                + "(clipped) values from the global mean", numeric));
        if (extremes) {
            q.add(Quantity.perSite(EXTREMES, "per numeric column: this site's smallest and largest (clipped) value, "
                    + "single-row values the site's policy may withhold", 2 * numeric));
        }
        return q;
    }

    /** @param thresholds how many thresholds each column is asked about this round */
    static List<Quantity> quantileReleases(Map<String, Integer> thresholds) {
        List<Quantity> q = new ArrayList<>();
        thresholds.forEach((column, m) -> q.add(Quantity.sum(COUNT_AT_MOST + column,
                "number of values of " + column + " at or below each threshold", m)));
        return q;
    }

    /** @param bins how many bins each column has */
    static List<Quantity> histogramReleases(Map<String, Integer> bins) {
        List<Quantity> q = new ArrayList<>();
        bins.forEach((column, k) -> {
            q.add(Quantity.sum(HISTOGRAM_COUNTS + column, "number of values of " + column
                    + " below the first break, in each bin, and above the last break", k + 2));
            q.add(Quantity.sum(HISTOGRAM_SUPPRESSED + column, "1 where this site's gate suppressed the histogram "
                    + "cell of " + column, k + 2));
        });
        return q;
    }
}
