package org.medfed.methods.multinom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.formula.Formula;

/**
 * A multinomial job as the analyst states it; serializes to JSON so that it can be sent to a hub.
 *
 * @param formula   R model formula whose response is a column read as a factor, e.g. {@code race ~ age + smoke}
 * @param reference the baseline level of the response, or null for the first level (R's level order)
 * @param levels    analyst-given level orders by column or factor key, the response included
 *                  (R's {@code factor(x, levels = ...)}); the first response level is the baseline
 *                  unless {@code reference} names another
 * @param confLevel confidence level of the Wald intervals
 * @param epsilon   convergence tolerance: stop when no Newton step exceeds {@code epsilon·(1 + |β|)}
 * @param maxit     maximum Newton iterations
 */
public record MultinomParameters(String formula, String reference, Map<String, List<String>> levels, double confLevel,
                                 double epsilon, int maxit) {

    public static final double DEFAULT_EPSILON = 1e-10;
    public static final int DEFAULT_MAXIT = 100;

    public MultinomParameters {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        if (levels != null) {
            levels.forEach((factor, lv) -> ordered.put(factor, List.copyOf(lv)));
        }
        levels = Collections.unmodifiableMap(ordered);
        if (confLevel == 0) {
            confLevel = 0.95;
        }
        if (epsilon == 0) {
            epsilon = DEFAULT_EPSILON;
        }
        if (maxit == 0) {
            maxit = DEFAULT_MAXIT;
        }
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("multinom: the confidence level must lie between 0 and 1, not " + confLevel);
        }
        if (!(epsilon > 0) || maxit < 1) {
            throw new UsageException("multinom: epsilon must be positive and maxit at least 1");
        }
        Formula f = Formula.parse(formula);
        if (f.responseLabel() == null || !f.variables().contains(f.responseLabel())) {
            throw new UsageException("multinom: the formula needs a response column on the left, e.g. 'race ~ age + smoke'"
                    + " (found '" + formula + "')");
        }
    }

    public static MultinomParameters of(String formula) {
        return new MultinomParameters(formula, null, Map.of(), 0.95, DEFAULT_EPSILON, DEFAULT_MAXIT);
    }

    public MultinomParameters withReference(String level) {
        return new MultinomParameters(formula, level, levels, confLevel, epsilon, maxit);
    }

    public MultinomParameters withLevels(Map<String, List<String>> orders) {
        return new MultinomParameters(formula, reference, orders, confLevel, epsilon, maxit);
    }

    public MultinomParameters withConfLevel(double level) {
        return new MultinomParameters(formula, reference, levels, level, epsilon, maxit);
    }

    public MultinomParameters withControl(double eps, int iterations) {
        return new MultinomParameters(formula, reference, levels, confLevel, eps, iterations);
    }
}
