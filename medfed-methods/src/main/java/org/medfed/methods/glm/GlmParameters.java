package org.medfed.methods.glm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.methods.evaluation.EvaluationParameters;

/**
 * A GLM job as the analyst states it; serializes to JSON so that it can be sent to a hub.
 *
 * @param formula   R model formula, e.g. {@code low ~ age + race + offset(log(t))}
 * @param family    binomial, gaussian or poisson (canonical links)
 * @param weights   prior weights column, or null
 * @param levels    analyst-given level orders by factor key (R's {@code factor(x, levels = ...)});
 *                  the first level is the reference
 * @param confLevel confidence level of the Wald intervals
 * @param epsilon   convergence tolerance (R's {@code glm.control(epsilon)})
 * @param maxit     maximum iterations (R's {@code glm.control(maxit)})
 * @param evaluate  how to evaluate the fitted model (binomial only), or null for no evaluation
 */
public record GlmParameters(String formula, String family, String weights, Map<String, List<String>> levels,
                            double confLevel, double epsilon, int maxit,
                            @JsonInclude(JsonInclude.Include.NON_NULL) EvaluationParameters evaluate) {

    public static final double DEFAULT_EPSILON = 1e-8;
    public static final int DEFAULT_MAXIT = 25;

    public GlmParameters {
        java.util.Map<String, List<String>> ordered = new java.util.LinkedHashMap<>();
        if (levels != null) {
            levels.forEach((factor, lv) -> ordered.put(factor, List.copyOf(lv)));
        }
        levels = java.util.Collections.unmodifiableMap(ordered);
        if (confLevel == 0) {
            confLevel = 0.95;
        }
        if (epsilon == 0) {
            epsilon = DEFAULT_EPSILON;
        }
        if (maxit == 0) {
            maxit = DEFAULT_MAXIT;
        }
        if (evaluate != null) {
            if (!GlmFamily.named(family).name().equals("binomial")) {
                throw new UsageException("--evaluate needs --family binomial: model evaluation (Hosmer-Lemeshow, AUC, "
                        + "calibration) is for a logistic model of a 0/1 outcome, not family " + family);
            }
            if (weights != null) {
                throw new UsageException("--evaluate cannot be combined with --weights: the evaluation counts rows, "
                        + "so it needs one row per 0/1 outcome");
            }
        }
    }

    /** A GLM without evaluation. */
    public GlmParameters(String formula, String family, String weights, Map<String, List<String>> levels,
                         double confLevel, double epsilon, int maxit) {
        this(formula, family, weights, levels, confLevel, epsilon, maxit, null);
    }

    public static GlmParameters of(String formula, String family) {
        return new GlmParameters(formula, family, null, Map.of(), 0.95, DEFAULT_EPSILON, DEFAULT_MAXIT);
    }

    public GlmParameters withWeights(String column) {
        return new GlmParameters(formula, family, column, levels, confLevel, epsilon, maxit, evaluate);
    }

    public GlmParameters withLevels(Map<String, List<String>> orders) {
        return new GlmParameters(formula, family, weights, orders, confLevel, epsilon, maxit, evaluate);
    }

    public GlmParameters withControl(double eps, int iterations) {
        return new GlmParameters(formula, family, weights, levels, confLevel, eps, iterations, evaluate);
    }

    public GlmParameters withConfLevel(double level) {
        return new GlmParameters(formula, family, weights, levels, level, epsilon, maxit, evaluate);
    }

    /** These parameters with the fitted model evaluated as {@code e} says (null: not evaluated). */
    public GlmParameters withEvaluation(EvaluationParameters e) {
        return new GlmParameters(formula, family, weights, levels, confLevel, epsilon, maxit, e);
    }
}
