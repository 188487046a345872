package org.medfed.methods.penalized;

import java.util.ArrayList;
import java.util.List;
import org.medfed.method.Quantity;
import org.medfed.methods.admm.ConsensusSteps;

/**
 * The names of the rounds and of every quantity a site may release in them — the complete list of
 * what leaves a site in a lasso / elasticnet / admm-logistic job. Shared by both halves so that
 * the declarations and the computation cannot drift apart.
 */
final class PenalizedSteps {
    /** The site builds its design and releases column sums and sums of squares (the scaling). */
    static final String MOMENTS = "moments";
    /** Only for glmnet's default λ sequence: the score of the null model, for λ_max. */
    static final String NULL_SCORE = "null_score";
    /** One consensus ADMM round. */
    static final String ADMM = "admm";

    static final String ROWS = "rows";
    static final String ROWS_DROPPED = "rows_dropped";
    /** Σ x_j over rows for each non-intercept column, then Σ y. */
    static final String SUMS = "column_sums";
    /** Σ x_j² over rows for each non-intercept column, then Σ y². */
    static final String SQUARES = "column_squares";

    /** Σ x̃_j (y − ŷ₀) over rows for each non-intercept working column (scaled; centred with an intercept). */
    static final String SCORE = "null_score";

    /** Request: the centres of the non-intercept columns (see Scaling), then of y. */
    static final String CENTER = "scaling.center";
    /** Request: the working scales of the non-intercept columns (see Scaling; 1 for a constant column). */
    static final String SCALE = "scaling.scale";
    /** Request (null-score round): the null model's fitted value ŷ₀ (ȳ; without an intercept 0, or 1/2 for binomial). */
    static final String Y_MEAN = "scaling.y_mean";
    /** Request: the global number of rows (the loss is a mean over all sites' rows). */
    static final String N = "scaling.n";

    private PenalizedSteps() {
    }

    /** @param penalized the number of penalized coefficients (the non-intercept design columns) */
    static List<Quantity> momentReleases(int penalized) {
        return List.of(
                Quantity.perSite(ROWS, "number of rows used (complete cases)"),
                Quantity.perSite(ROWS_DROPPED, "number of rows dropped for missing values"),
                Quantity.sum(SUMS, "column sums of the non-intercept design columns and of the response", penalized + 1),
                Quantity.sum(SQUARES, "column sums of squares of the non-intercept design columns and of the response",
                        penalized + 1));
    }

    /** @param penalized the number of penalized coefficients */
    static List<Quantity> scoreReleases(int penalized) {
        return List.of(Quantity.sum(SCORE, "sums over rows of each scaled non-intercept column times the response minus "
                + "the null model's fit (the null model's score, for the largest useful lambda)", penalized));
    }

    static List<Quantity> admmReleases(int p) {
        return new ArrayList<>(ConsensusSteps.releases(p));
    }
}
