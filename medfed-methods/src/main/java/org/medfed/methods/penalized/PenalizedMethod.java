package org.medfed.methods.penalized;

import org.medfed.error.UsageException;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/**
 * Penalized GLMs with glmnet's objective by consensus ADMM, under three names: {@code lasso}
 * (α = 1), {@code elasticnet} (any α in [0, 1]) and {@code admm-logistic} (L2-penalized logistic
 * regression: binomial, α = 0).
 */
public final class PenalizedMethod implements MethodDefinition<PenalizedParameters> {
    public static final String LASSO = "lasso";
    public static final String ELASTICNET = "elasticnet";
    public static final String ADMM_LOGISTIC = "admm-logistic";

    private final String name;

    private PenalizedMethod(String name) {
        this.name = name;
    }

    public static PenalizedMethod lasso() {
        return new PenalizedMethod(LASSO);
    }

    public static PenalizedMethod elasticnet() {
        return new PenalizedMethod(ELASTICNET);
    }

    public static PenalizedMethod admmLogistic() {
        return new PenalizedMethod(ADMM_LOGISTIC);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<PenalizedParameters> parametersType() {
        return PenalizedParameters.class;
    }

    /** Refuses parameters this name does not allow (a lasso with α ≠ 1, an admm-logistic that is not binomial ridge). */
    private PenalizedParameters check(PenalizedParameters p) {
        if (name.equals(LASSO) && p.alpha() != 1) {
            throw new UsageException("lasso: alpha is 1 (use elasticnet for alpha " + p.alpha() + ")");
        }
        if (name.equals(ADMM_LOGISTIC) && (p.alpha() != 0 || !p.binomial())) {
            throw new UsageException("admm-logistic: the L2-penalized logistic regression has family binomial and alpha 0"
                    + " (use elasticnet for other choices)");
        }
        return p;
    }

    @Override
    public HubHalf hub(PenalizedParameters parameters, JobContext context) {
        return new PenalizedHub(name, check(parameters), context);
    }

    @Override
    public SiteHalf site(PenalizedParameters parameters) {
        return new PenalizedSite(name, check(parameters));
    }
}
