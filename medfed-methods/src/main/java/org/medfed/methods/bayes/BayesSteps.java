package org.medfed.methods.bayes;

import java.util.List;
import org.medfed.method.Quantity;

/**
 * The names of the rounds and of every quantity a site may release in them — the complete list of
 * what leaves a site in a bayes-logistic job. Shared by both halves so that the declarations and
 * the computation cannot drift apart.
 */
final class BayesSteps {
    /** The site builds its design and makes its first sweep from the prior. */
    static final String START = "start";
    /** One EP sweep over the site's rows from the hub's current posterior. */
    static final String SWEEP = "sweep";

    static final String ROWS = "rows";
    static final String ROWS_DROPPED = "rows_dropped";
    static final String PRECISION = "site_precision";
    static final String SHIFT = "site_shift";

    /** Request parameters: the current posterior. */
    static final String MEAN = "posterior_mean";
    static final String COVARIANCE = "posterior_cov";

    private BayesSteps() {
    }

    static List<Quantity> startReleases(int p) {
        return List.of(
                Quantity.perSite(ROWS, "number of rows used (complete cases)"),
                Quantity.perSite(ROWS_DROPPED, "number of rows dropped for missing values"),
                factorPrecision(p), factorShift(p));
    }

    static List<Quantity> sweepReleases(int p) {
        return List.of(factorPrecision(p), factorShift(p));
    }

    private static Quantity factorPrecision(int p) {
        return Quantity.sum(PRECISION, "precision matrix of the site's Gaussian likelihood factor (sum over rows of τ x x')", p, p);
    }

    private static Quantity factorShift(int p) {
        return Quantity.sum(SHIFT, "shift (precision times mean) of the site's Gaussian likelihood factor (sum over rows of ν x)", p);
    }
}
