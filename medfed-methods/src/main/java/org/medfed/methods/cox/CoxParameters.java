package org.medfed.methods.cox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.formula.SurvivalFormula;

/**
 * A Cox model job as the analyst states it; serializes to JSON so that it can be sent to a hub.
 *
 * @param formula         {@code Surv(time, status) ~ terms}, optionally with {@code strata(col)}
 * @param ties            {@code efron} (R's default) or {@code breslow}
 * @param stratifyBySite  each site its own baseline hazard (R's {@code strata(site)}); sites then
 *                        release only log-likelihood, score and information sums, no times
 * @param levels          analyst-given level orders by factor key; the first level is the reference
 * @param confLevel       confidence level of the Wald intervals
 * @param epsilon         convergence tolerance on the log partial likelihood ({@code coxph.control(eps)})
 * @param maxit           maximum iterations ({@code coxph.control(iter.max)})
 */
public record CoxParameters(String formula, String ties, boolean stratifyBySite, Map<String, List<String>> levels,
                            double confLevel, double epsilon, int maxit) {

    public static final double DEFAULT_EPSILON = 1e-9;
    public static final int DEFAULT_MAXIT = 20;

    public CoxParameters {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        if (levels != null) {
            levels.forEach((factor, lv) -> ordered.put(factor, List.copyOf(lv)));
        }
        levels = Collections.unmodifiableMap(ordered);
        ties = ties == null ? "efron" : ties;
        if (!ties.equals("efron") && !ties.equals("breslow")) {
            throw new UsageException("cox: ties must be efron or breslow, not '" + ties + "'");
        }
        if (confLevel == 0) {
            confLevel = 0.95;
        }
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("cox: the confidence level must be between 0 and 1, not " + confLevel);
        }
        if (epsilon == 0) {
            epsilon = DEFAULT_EPSILON;
        }
        if (maxit == 0) {
            maxit = DEFAULT_MAXIT;
        }
        if (!(epsilon > 0) || maxit < 0) {
            throw new UsageException("cox: epsilon must be > 0 and maxit >= 0");
        }
        SurvivalFormula.parse(formula);
    }

    public static CoxParameters of(String formula, String ties) {
        return new CoxParameters(formula, ties, false, Map.of(), 0.95, DEFAULT_EPSILON, DEFAULT_MAXIT);
    }

    public CoxParameters stratifiedBySite(boolean on) {
        return new CoxParameters(formula, ties, on, levels, confLevel, epsilon, maxit);
    }

    public CoxParameters withLevels(Map<String, List<String>> orders) {
        return new CoxParameters(formula, ties, stratifyBySite, orders, confLevel, epsilon, maxit);
    }

    public CoxParameters withControl(double eps, int iterations) {
        return new CoxParameters(formula, ties, stratifyBySite, levels, confLevel, eps, iterations);
    }

    public CoxParameters withConfLevel(double level) {
        return new CoxParameters(formula, ties, stratifyBySite, levels, level, epsilon, maxit);
    }

    boolean efron() {
        return ties.equals("efron");
    }
}
