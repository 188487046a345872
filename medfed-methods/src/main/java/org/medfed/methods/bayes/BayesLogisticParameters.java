package org.medfed.methods.bayes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.formula.Formula;

/**
 * A Bayesian logistic regression job as the analyst states it; serializes to JSON so that it can
 * be sent to a hub.
 *
 * @param formula   R model formula with a 0/1 response, e.g. {@code low ~ age + race}
 * @param priorSd   standard deviation s of the prior N(0, s²) on every coefficient (intercept included)
 * @param levels    analyst-given level orders by factor key; the first level is the reference
 * @param confLevel probability of the central credible intervals
 * @param damping   weight of the new moment-matched row term against the old one in each update (0, 1]
 * @param tolerance stop when no posterior mean moves by more than this many posterior sds and no
 *                  posterior sd changes by more than this relative
 * @param maxit     maximum EP sweeps
 */
public record BayesLogisticParameters(String formula, double priorSd, Map<String, List<String>> levels,
                                      double confLevel, double damping, double tolerance, int maxit) {

    public static final double DEFAULT_DAMPING = 0.5;
    public static final double DEFAULT_TOLERANCE = 1e-8;
    public static final int DEFAULT_MAXIT = 200;

    public BayesLogisticParameters {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        if (levels != null) {
            levels.forEach((factor, lv) -> ordered.put(factor, List.copyOf(lv)));
        }
        levels = Collections.unmodifiableMap(ordered);
        if (confLevel == 0) {
            confLevel = 0.95;
        }
        if (damping == 0) {
            damping = DEFAULT_DAMPING;
        }
        if (tolerance == 0) {
            tolerance = DEFAULT_TOLERANCE;
        }
        if (maxit == 0) {
            maxit = DEFAULT_MAXIT;
        }
        if (!(priorSd > 0) || Double.isInfinite(priorSd)) {
            throw new UsageException("bayes-logistic: the prior sd (--prior-sd) must be a positive number, not " + priorSd);
        }
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("bayes-logistic: the credible level must be between 0 and 1, not " + confLevel);
        }
        if (!(damping > 0 && damping <= 1)) {
            throw new UsageException("bayes-logistic: the damping must be in (0, 1], not " + damping);
        }
        if (!(tolerance > 0) || maxit < 1) {
            throw new UsageException("bayes-logistic: the tolerance must be > 0 and maxit >= 1");
        }
        Formula parsed = Formula.parse(formula);
        if (parsed.responseLabel() == null) {
            throw new UsageException("bayes-logistic: the formula needs a 0/1 response, e.g. 'low ~ age + smoke'");
        }
        if (parsed.hasOffset()) {
            throw new UsageException("bayes-logistic: offset() terms are not supported (the prior is on every coefficient)");
        }
    }

    public static BayesLogisticParameters of(String formula, double priorSd) {
        return new BayesLogisticParameters(formula, priorSd, Map.of(), 0.95, DEFAULT_DAMPING, DEFAULT_TOLERANCE, DEFAULT_MAXIT);
    }

    public BayesLogisticParameters withLevels(Map<String, List<String>> orders) {
        return new BayesLogisticParameters(formula, priorSd, orders, confLevel, damping, tolerance, maxit);
    }

    public BayesLogisticParameters withControl(double damp, double tol, int iterations) {
        return new BayesLogisticParameters(formula, priorSd, levels, confLevel, damp, tol, iterations);
    }

    public BayesLogisticParameters withConfLevel(double level) {
        return new BayesLogisticParameters(formula, priorSd, levels, level, damping, tolerance, maxit);
    }
}
