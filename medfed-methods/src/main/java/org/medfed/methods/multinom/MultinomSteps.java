package org.medfed.methods.multinom;

import java.util.ArrayList;
import java.util.List;
import org.medfed.method.Quantity;

/**
 * The names of the multinomial model's rounds and of every quantity a site may release in them —
 * the complete list of what leaves a site in a multinom job.
 */
final class MultinomSteps {
    static final String START = "start";
    static final String ITERATE = "iterate";

    static final String GRADIENT = "gradient";
    static final String INFORMATION = "information";
    static final String DEVIANCE = "deviance";
    static final String LEVEL_COUNTS = "level_counts";
    static final String ROWS = "rows";
    static final String ROWS_DROPPED = "rows_dropped";

    /** Request parameter: the coefficients, block by non-reference level. */
    static final String BETA = "beta";

    private MultinomSteps() {
    }

    /** The first model round: row counts, then the same sums as every iteration (at β = 0). */
    static List<Quantity> startReleases(int levels, int q) {
        List<Quantity> out = new ArrayList<>();
        out.add(Quantity.perSite(ROWS, "number of rows used (complete cases)"));
        out.add(Quantity.perSite(ROWS_DROPPED, "number of rows dropped for missing values"));
        out.add(Quantity.sum(LEVEL_COUNTS, "number of rows at each response level (pooled)", levels));
        out.addAll(iterateReleases(q));
        return out;
    }

    static List<Quantity> iterateReleases(int q) {
        List<Quantity> out = new ArrayList<>();
        out.add(Quantity.sum(GRADIENT, "gradient of the log-likelihood, block by non-reference level", q));
        out.add(Quantity.sum(INFORMATION, "information matrix (minus the Hessian), all level blocks", q, q));
        out.add(Quantity.sum(DEVIANCE, "deviance (-2 log-likelihood) at the current coefficients"));
        return out;
    }
}
