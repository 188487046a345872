package org.medfed.methods.evaluation;

import org.medfed.error.MedfedException;

/**
 * The hub's side of the two calibration fits, each a small Newton–Raphson over summed scores and
 * information matrices: the <em>slope</em> is b in the logistic regression of y on lp = logit(p),
 * {@code glm(y ~ lp, binomial)}; the <em>intercept</em> is calibration-in-the-large, c in
 * {@code glm(y ~ 1 + offset(lp), binomial)} (the intercept of the slope model is reported too, as
 * {@code slope_model_intercept}). Both start at perfect calibration (a, b, c) = (0, 1, 0).
 *
 * <p>Steps are Newton's, shortened to at most 1 on the logit scale (see {@link #observe}). A fit
 * stops when its full Newton step is below 1e-10 (relative to the coefficients' size); the step
 * is then applied, so the error is of the order of the step squared.
 */
final class Calibration {
    static final double[] START = {0, 1, 0};
    private static final double TOLERANCE = 1e-10;
    private static final int MAX_ITERATIONS = 50;
    private static final double MAX_STEP = 1;

    private final double[] coefficients = START.clone();
    private int iterations;
    private boolean converged;

    /** Folds a score and information at the current coefficients; true when both fits have converged. */
    boolean observe(double[] score, double[] info) {
        iterations++;
        double det = info[0] * info[2] - info[1] * info[1];
        double da = (info[2] * score[0] - info[1] * score[1]) / det;
        double db = (info[0] * score[1] - info[1] * score[0]) / det;
        double dc = score[2] / info[3];
        if (!Double.isFinite(da) || !Double.isFinite(db) || !Double.isFinite(dc) || !(det > 0)) {
            throw new MedfedException("model evaluation: the calibration fit has a singular information matrix "
                    + "(are all fitted probabilities equal?)");
        }
        double step = Math.max(Math.max(Math.abs(da), Math.abs(db)), Math.abs(dc));
        // Capped steps (same direction, at most MAX_STEP on the logit scale): a model evaluated on
        // other data can be far from calibrated, and a full Newton step from (0, 1) then lands where
        // every probability saturates and the information vanishes. The log-likelihood is concave,
        // so shortened Newton steps still climb; near the optimum the cap never binds and the
        // iteration is plain Newton with its quadratic convergence.
        double slopeScale = Math.min(1, MAX_STEP / Math.max(Math.abs(da), Math.abs(db)));
        double offsetScale = Math.min(1, MAX_STEP / Math.abs(dc));
        coefficients[0] += da * slopeScale;
        coefficients[1] += db * slopeScale;
        coefficients[2] += dc * offsetScale;
        double size = Math.max(1, Math.max(Math.abs(coefficients[0]), Math.max(Math.abs(coefficients[1]), Math.abs(coefficients[2]))));
        converged = slopeScale == 1 && offsetScale == 1 && step <= TOLERANCE * size;
        if (!converged && iterations >= MAX_ITERATIONS) {
            throw new MedfedException("model evaluation: the calibration fit did not converge in " + MAX_ITERATIONS
                    + " iterations (complete separation of y by logit(fitted)?)");
        }
        return converged;
    }

    double[] coefficients() {
        return coefficients.clone();
    }

    int iterations() {
        return iterations;
    }

    /** Calibration-in-the-large: the intercept with offset logit(p). */
    double intercept() {
        return coefficients[2];
    }

    /** The calibration slope. */
    double slope() {
        return coefficients[1];
    }

    /** The intercept of the two-parameter model y ~ logit(p). */
    double slopeModelIntercept() {
        return coefficients[0];
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    static double expit(double eta) {
        return 1 / (1 + Math.exp(-eta));
    }
}
