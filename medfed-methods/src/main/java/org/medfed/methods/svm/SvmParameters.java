package org.medfed.methods.svm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.formula.Formula;
import org.medfed.methods.admm.AdmmControl;

/**
 * A linear SVM job as the analyst states it; serializes to JSON so that it can be sent to a hub.
 *
 * @param formula     R model formula with a binary response (0/1, or a column with two levels),
 *                    e.g. {@code low ~ age + lwt + race + smoke}
 * @param cost        the SVM's C in ½||w||² + C Σ max(0, 1 − yᵢ wᵀxᵢ)
 * @param bias        liblinear's {@code -B}: the value of the constant feature that stands for the
 *                    formula's intercept; its weight is regularized like the others, and the
 *                    reported intercept is weight × bias. 0 means the default 1.
 * @param positive    the response level coded +1, or null for the second level in R's order (1 of
 *                    0/1, the later of two sorted labels); the other level is coded −1
 * @param levels      analyst-given level orders of predictor factors (the first is the reference)
 * @param standardize whether the ADMM runs in standardized coordinates (global means and sds from
 *                    the start round's column sums). The objective and the answer are the same
 *                    either way; only the number of rounds changes (unscaled columns make ADMM slow).
 *                    Null (absent from a job's JSON) means the default, on
 * @param admm        the ADMM's ρ, tolerances and iteration limit (null: {@link #defaultAdmm()})
 * @param warmStart   a previous fit of the same model to start from (online updates), or null
 * @param accuracy    whether the last round also counts the rows the fit classifies correctly
 *                    (training accuracy). Off by default: each site's count is a count of rows
 *                    grouped by the fitted class, under its policy's evaluation cell minimum, and a
 *                    site with one or two misclassified rows would refuse it after the whole fit
 * @param gapTolerance stop as soon as the duality gap proves the objective within this fraction of
 *                    the optimum (see {@link DualityGap}), even if the ADMM residuals are not yet
 *                    within their tolerances; 0 (the default) stops on the residuals only
 */
public record SvmParameters(String formula, double cost, double bias, String positive, Map<String, List<String>> levels,
                            Boolean standardize, AdmmControl admm, WarmStart warmStart, boolean accuracy,
                            double gapTolerance) {

    public static final double DEFAULT_BIAS = 1;

    /**
     * A previous svm result to start from: its consensus becomes the first z (and its final ρ the
     * first ρ), so that refitting after rows were added or removed starts near the answer; for
     * small changes that usually saves rounds over a start from zero, not always (the README has
     * the measurements).
     *
     * @param source     where it came from (a file name), reported in the result
     * @param formula    the previous fit's formula; must be this fit's
     * @param terms      the previous model's terms, in order; must equal this model's
     * @param estimates  the previous coefficients on the original scale (intercept = weight × bias)
     * @param positive   the previous fit's +1 level; must equal this fit's
     * @param iterations the previous fit's ADMM rounds (reported beside this fit's)
     * @param rho        the previous fit's final ρ (0: not known)
     */
    public record WarmStart(String source, String formula, List<String> terms, double[] estimates, String positive,
                            int iterations, double rho) {
        public WarmStart {
            terms = List.copyOf(terms);
            estimates = estimates.clone();
            String where = source == null ? "" : " (" + source + ")";
            if (terms.size() != estimates.length) {
                throw new UsageException("svm warm start" + where + ": " + terms.size() + " terms but "
                        + estimates.length + " estimates");
            }
            for (double e : estimates) {
                if (!Double.isFinite(e)) {
                    throw new UsageException("svm warm start" + where + ": the coefficients must be finite numbers");
                }
            }
            if (!(rho >= 0) || Double.isInfinite(rho)) {
                throw new UsageException("svm warm start" + where + ": rho must be a positive number, not " + rho);
            }
        }

        @Override
        public double[] estimates() {
            return estimates.clone();
        }
    }

    public SvmParameters {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        if (levels != null) {
            levels.forEach((factor, lv) -> ordered.put(factor, List.copyOf(lv)));
        }
        levels = Collections.unmodifiableMap(ordered);
        if (bias == 0) {
            bias = DEFAULT_BIAS;
        }
        if (standardize == null) {
            standardize = true;
        }
        if (admm == null) {
            admm = defaultAdmm();
        }
        if (!(cost > 0) || Double.isInfinite(cost)) {
            throw new UsageException("svm: the cost C (--C) must be a positive number, not " + cost);
        }
        if (!(bias > 0) || Double.isInfinite(bias)) {
            throw new UsageException("svm: the bias feature (--bias) must be a positive number, not " + bias
                    + " (for no bias term, drop the intercept from the formula: y ~ x - 1)");
        }
        if (!(gapTolerance >= 0 && gapTolerance < 1)) {
            throw new UsageException("svm: the duality gap tolerance (--gap-tolerance) must be a number in [0, 1), not "
                    + gapTolerance);
        }
        if (positive != null && positive.isBlank()) {
            throw new UsageException("svm: the positive level (--positive) must not be empty");
        }
        Formula f = Formula.parse(formula);
        if (f.responseLabel() == null || !f.variables().contains(f.responseLabel())) {
            throw new UsageException("svm: the formula needs a binary response column on the left, e.g. 'low ~ age + smoke'"
                    + " (found '" + formula + "')");
        }
        if (f.hasOffset()) {
            throw new UsageException("svm: offset() terms are not supported");
        }
        if (warmStart != null && warmStart.formula() != null
                && !Formula.parse(warmStart.formula()).text().equals(f.text())) {
            throw new UsageException("svm: the warm start" + (warmStart.source() == null ? "" : " (" + warmStart.source() + ")")
                    + " is a fit of '" + warmStart.formula() + "', not of '" + f.text() + "'; a warm start needs the same formula");
        }
    }

    /** C on the formula, with liblinear's bias 1, the second level +1, standardized working coordinates. */
    public static SvmParameters of(String formula, double cost) {
        return new SvmParameters(formula, cost, DEFAULT_BIAS, null, Map.of(), true, defaultAdmm(), null, false, 0);
    }

    /**
     * The engine's defaults with residual balancing on: the hinge loss has no curvature to suggest
     * ρ from, and the best fixed ρ moves with C (on the reference rows 16 for C = 1, 1 for C = 0.01,
     * each several times slower at the other's), while balancing from ρ = 1 stays within 59–153
     * rounds for C from 0.01 to 1.
     */
    public static AdmmControl defaultAdmm() {
        return new AdmmControl(0, 0, 0, 0, 0, true);
    }

    public SvmParameters withBias(double b) {
        return new SvmParameters(formula, cost, b, positive, levels, standardize, admm, warmStart, accuracy, gapTolerance);
    }

    public SvmParameters withPositive(String level) {
        return new SvmParameters(formula, cost, bias, level, levels, standardize, admm, warmStart, accuracy, gapTolerance);
    }

    public SvmParameters withLevels(Map<String, List<String>> orders) {
        return new SvmParameters(formula, cost, bias, positive, orders, standardize, admm, warmStart, accuracy, gapTolerance);
    }

    public SvmParameters withStandardize(boolean on) {
        return new SvmParameters(formula, cost, bias, positive, levels, on, admm, warmStart, accuracy, gapTolerance);
    }

    public SvmParameters withAdmm(AdmmControl control) {
        return new SvmParameters(formula, cost, bias, positive, levels, standardize, control, warmStart, accuracy, gapTolerance);
    }

    public SvmParameters withAccuracy(boolean on) {
        return new SvmParameters(formula, cost, bias, positive, levels, standardize, admm, warmStart, on, gapTolerance);
    }

    public SvmParameters withGapTolerance(double tolerance) {
        return new SvmParameters(formula, cost, bias, positive, levels, standardize, admm, warmStart, accuracy, tolerance);
    }

    public SvmParameters withWarmStart(WarmStart start) {
        return new SvmParameters(formula, cost, bias, positive, levels, standardize, admm, start, accuracy, gapTolerance);
    }
}
