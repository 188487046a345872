package org.medfed.methods.penalized;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.formula.Formula;
import org.medfed.methods.admm.AdmmControl;

/**
 * A penalized GLM job as the analyst states it (glmnet's arguments); serializes to JSON so that it
 * can be sent to a hub.
 *
 * @param formula           R model formula, e.g. {@code low ~ age + lwt + race}; {@code - 1} or
 *                          {@code + 0} fits without an intercept (glmnet's {@code intercept = FALSE})
 * @param family            {@code gaussian} or {@code binomial} (a 0/1 outcome)
 * @param alpha             the elastic-net mixing α in [0, 1]: 1 the lasso, 0 ridge
 * @param lambda            the penalty strengths λ ≥ 0 (a path; fitted in decreasing order), or null
 *                          for glmnet's default sequence: {@code nlambda} values from λ_max (the
 *                          smallest λ with all coefficients zero) down to {@code lambdaMinRatio·λ_max},
 *                          equally spaced on the log scale, stopped early as glmnet stops
 * @param nlambda           length of the default sequence (0: glmnet's 100)
 * @param lambdaMinRatio    the default sequence's smallest λ over λ_max (0: glmnet's 1e-4, or 0.01
 *                          when there are fewer rows than predictors)
 * @param standardize       glmnet's {@code standardize = TRUE}: the penalty acts on the coefficients
 *                          of the columns scaled to unit sd (1/n); answers on the original scale
 * @param gaussianObjective {@code glmnet} (default): for the gaussian family the ridge part is
 *                          divided by sd(y) as glmnet's internal scaling of y makes it;
 *                          {@code plain}: the textbook {@code RSS/(2n) + λ·penalty}
 * @param levels            analyst-given level orders by factor key; the first level is the reference
 * @param control           the ADMM's ρ, tolerances, iteration limit and over-relaxation
 */
public record PenalizedParameters(String formula, String family, double alpha, List<Double> lambda, int nlambda,
                                  double lambdaMinRatio, boolean standardize, String gaussianObjective,
                                  Map<String, List<String>> levels, AdmmControl control) {

    public static final String GLMNET = "glmnet";
    public static final String PLAIN = "plain";
    public static final int DEFAULT_NLAMBDA = 100;

    public PenalizedParameters {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        if (levels != null) {
            levels.forEach((factor, lv) -> ordered.put(factor, List.copyOf(lv)));
        }
        levels = Collections.unmodifiableMap(ordered);
        if (family == null) {
            family = "gaussian";
        }
        if (!family.equals("gaussian") && !family.equals("binomial")) {
            throw new UsageException("penalized regression: family must be gaussian or binomial, not '" + family + "'");
        }
        if (gaussianObjective == null) {
            gaussianObjective = GLMNET;
        }
        if (!gaussianObjective.equals(GLMNET) && !gaussianObjective.equals(PLAIN)) {
            throw new UsageException("penalized regression: the gaussian objective must be glmnet or plain, not '"
                    + gaussianObjective + "'");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new UsageException("penalized regression: alpha must be between 0 and 1, not " + alpha);
        }
        if (nlambda == 0) {
            nlambda = DEFAULT_NLAMBDA;
        }
        if (nlambda < 1) {
            throw new UsageException("penalized regression: nlambda must be at least 1, not " + nlambda);
        }
        if (!(lambdaMinRatio >= 0 && lambdaMinRatio < 1)) {
            throw new UsageException("penalized regression: lambda-min-ratio must be in (0, 1), not " + lambdaMinRatio);
        }
        if (lambda != null && lambda.isEmpty()) {
            throw new UsageException("penalized regression: the lambda list is empty (omit it for glmnet's default sequence)");
        }
        List<Double> sorted = lambda == null ? null : new ArrayList<>();
        if (sorted != null) {
            for (Double l : lambda) {
                if (l == null || !(l >= 0) || Double.isInfinite(l)) {
                    throw new UsageException("penalized regression: lambda must be a non-negative number, not " + l);
                }
                if (!sorted.contains(l)) {
                    sorted.add(l);
                }
            }
            // A path is fitted from the largest λ down, each warm-started from the last (as glmnet does).
            sorted.sort(Collections.reverseOrder());
            lambda = List.copyOf(sorted);
        }
        if (control == null) {
            control = AdmmControl.defaults();
        }
        Formula parsed = Formula.parse(formula);
        if (parsed.responseLabel() == null) {
            throw new UsageException("penalized regression: the formula needs a response, e.g. 'low ~ age + smoke'");
        }
        if (parsed.hasOffset()) {
            throw new UsageException("penalized regression: offset() terms are not supported");
        }
    }

    public static PenalizedParameters of(String formula, String family, double alpha, List<Double> lambda) {
        return new PenalizedParameters(formula, family, alpha, lambda, 0, 0, false, GLMNET, Map.of(), AdmmControl.defaults());
    }

    public PenalizedParameters withLevels(Map<String, List<String>> orders) {
        return new PenalizedParameters(formula, family, alpha, lambda, nlambda, lambdaMinRatio, standardize,
                gaussianObjective, orders, control);
    }

    public PenalizedParameters withControl(AdmmControl c) {
        return new PenalizedParameters(formula, family, alpha, lambda, nlambda, lambdaMinRatio, standardize,
                gaussianObjective, levels, c);
    }

    public PenalizedParameters withStandardize(boolean s) {
        return new PenalizedParameters(formula, family, alpha, lambda, nlambda, lambdaMinRatio, s,
                gaussianObjective, levels, control);
    }

    public PenalizedParameters withGaussianObjective(String objective) {
        return new PenalizedParameters(formula, family, alpha, lambda, nlambda, lambdaMinRatio, standardize,
                objective, levels, control);
    }

    /** glmnet's default sequence of {@code n} values (ratio as given, else by rows and predictors). */
    public PenalizedParameters withDefaultSequence(int n, double ratio) {
        return new PenalizedParameters(formula, family, alpha, null, n, ratio, standardize,
                gaussianObjective, levels, control);
    }

    /** Whether the λ values come from glmnet's default sequence rather than the analyst. */
    public boolean defaultSequence() {
        return lambda == null;
    }

    /**
     * Whether the formula has an intercept (glmnet's {@code intercept = TRUE}); {@code - 1} / {@code + 0}
     * fit without one, as glmnet's {@code intercept = FALSE}.
     */
    public boolean intercept() {
        return Formula.parse(formula).hasIntercept();
    }

    boolean binomial() {
        return family.equals("binomial");
    }
}
