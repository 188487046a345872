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

    static final String N = "n";
    static final String MISSING = "missing";
    static final String SUM = "sum";
    static final String SUM_SQ_DEV = "sum_sq_dev";
    static final String LEVEL_COUNTS = "level_counts:";

    /** Request parameter of the deviations round: the global mean of each numeric column. */
    static final String MEAN = "mean";

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
        levels.forEach((column, lv) -> q.add(Quantity.sum(LEVEL_COUNTS + column,
                "number of rows at each level of " + column, lv.size())));
        return q;
    }

    static List<Quantity> deviationReleases(int numeric) {
        return List.of(Quantity.sum(SUM_SQ_DEV, "per numeric column: sum of squared deviations of the "
                + "(clipped) values from the global mean", numeric));
    }
}
