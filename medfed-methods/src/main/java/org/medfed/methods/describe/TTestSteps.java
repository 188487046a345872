package org.medfed.methods.describe;

import java.util.List;
import org.medfed.formula.Formula;
import org.medfed.method.Quantity;
import org.medfed.methods.frame.FrameRound;

/**
 * The rounds of a t-test and every quantity a site may release in them: after the schema round,
 * each group's count and sum; then each group's sum of squared deviations from its global mean.
 * Shared by both halves.
 */
final class TTestSteps {
    static final String MOMENTS = "moments";
    static final String DEVIATIONS = "deviations";

    static final String N = "n";
    static final String SUM = "sum";
    static final String SUM_SQ_DEV = "sum_sq_dev";

    /** Request parameter of the deviations round: each group's global mean. */
    static final String MEAN = "mean";

    private TTestSteps() {
    }

    /**
     * {@code ~ `x` + factor(`g`)}: the schema round's complete rows are those with both values
     * (R's formula t.test drops the others), and the group's levels are harmonized as a factor.
     */
    static Formula formula(TTestParameters p) {
        return Formula.parse("~ " + FrameRound.quoted(p.column()) + " + factor(" + FrameRound.quoted(p.group()) + ")");
    }

    /** The factor key under which the schema round reports the group's levels. */
    static String groupKey(Formula formula) {
        for (String key : formula.factorKeys()) {
            if (key.startsWith("factor(")) {
                return key;
            }
        }
        throw new IllegalStateException("t-test formula without factor(): " + formula);
    }

    static List<Quantity> momentReleases() {
        return List.of(Quantity.sum(N, "per group: number of rows with a value", 2),
                Quantity.sum(SUM, "per group: sum of the (clipped) values", 2));
    }

    static List<Quantity> deviationReleases() {
        return List.of(Quantity.sum(SUM_SQ_DEV, "per group: sum of squared deviations of the (clipped) values "
                + "from the group's global mean", 2));
    }
}
