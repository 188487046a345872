package org.medfed.methods.glm;

import java.util.ArrayList;
import java.util.List;
import org.medfed.method.Quantity;

/**
 * The names of the GLM's rounds and of every quantity a site may release in them — the complete
 * list of what leaves a site in a GLM job. Shared by both halves so the declarations and the
 * computation cannot drift apart.
 */
final class GlmSteps {
    static final String START = "start";
    static final String ITERATE = "iterate";
    static final String NULL_START = "null_start";
    static final String NULL_ITERATE = "null_iterate";

    static final String XTWX = "xtwx";
    static final String XTWZ = "xtwz";
    static final String SCORE = "score";
    static final String DEVIANCE = "deviance";
    static final String LOGLIK = "loglik";
    static final String PEARSON = "pearson_chisq";
    static final String BOUNDARY = "boundary_rows";
    static final String ROWS = "rows";
    static final String ROWS_DROPPED = "rows_dropped";
    static final String ROWS_WEIGHTED = "rows_nonzero_weight";
    static final String SUM_WY = "sum_wy";
    static final String SUM_W = "sum_w";
    static final String SUM_LOG_W = "sum_log_w";
    static final String NULL_DEVIANCE = "null_deviance";
    static final String NONINTEGER_SUCCESSES = "noninteger_successes";

    /** Request parameters. */
    static final String BETA = "beta";
    static final String WTDMU = "wtdmu";

    private GlmSteps() {
    }

    static List<Quantity> startReleases(int p) {
        List<Quantity> q = new ArrayList<>();
        q.add(Quantity.sum(XTWX, "information matrix X'WX at the starting values", p, p));
        q.add(Quantity.sum(XTWZ, "X'Wz for the working response at the starting values", p));
        q.add(Quantity.sum(DEVIANCE, "deviance at the starting values"));
        q.add(Quantity.perSite(ROWS, "number of rows used (complete cases)"));
        q.add(Quantity.perSite(ROWS_DROPPED, "number of rows dropped for missing values"));
        q.add(Quantity.sum(ROWS_WEIGHTED, "number of rows with non-zero prior weight"));
        q.add(Quantity.sum(SUM_WY, "sum of weight times outcome (for the null model)"));
        q.add(Quantity.sum(SUM_W, "sum of prior weights (for the null model)"));
        q.add(Quantity.sum(SUM_LOG_W, "sum of log prior weights (gaussian AIC)"));
        q.add(Quantity.sum(NULL_DEVIANCE, "null deviance when the model has no intercept"));
        q.add(Quantity.sum(NONINTEGER_SUCCESSES, "number of rows whose weight times outcome is not a whole number (binomial)"));
        return q;
    }

    static List<Quantity> iterateReleases(int p, boolean withNullDeviance) {
        List<Quantity> q = new ArrayList<>();
        q.add(Quantity.sum(DEVIANCE, "deviance at the current coefficients"));
        q.add(Quantity.sum(LOGLIK, "log-likelihood at the current coefficients (AIC)"));
        q.add(Quantity.sum(PEARSON, "Pearson chi-square at the current coefficients (dispersion)"));
        q.add(Quantity.sum(BOUNDARY, "number of rows with fitted values numerically at the boundary"));
        q.add(Quantity.sum(XTWX, "information matrix X'WX at the current coefficients", p, p));
        q.add(Quantity.sum(SCORE, "score X'W(y - mu)/mu' at the current coefficients", p));
        if (withNullDeviance) {
            q.add(Quantity.sum(NULL_DEVIANCE, "deviance of the intercept-only model at the pooled mean"));
        }
        return q;
    }

    static List<Quantity> nullStartReleases() {
        List<Quantity> q = new ArrayList<>();
        q.add(Quantity.sum(XTWX, "null model: information at the full model's fitted values", 1, 1));
        q.add(Quantity.sum(XTWZ, "null model: X'Wz at the full model's fitted values", 1));
        q.add(Quantity.sum(DEVIANCE, "deviance at the full model's fitted values"));
        return q;
    }

    static List<Quantity> nullIterateReleases() {
        List<Quantity> q = new ArrayList<>();
        q.add(Quantity.sum(DEVIANCE, "null model: deviance at the current intercept"));
        q.add(Quantity.sum(XTWX, "null model: information at the current intercept", 1, 1));
        q.add(Quantity.sum(SCORE, "null model: score at the current intercept", 1));
        return q;
    }
}
