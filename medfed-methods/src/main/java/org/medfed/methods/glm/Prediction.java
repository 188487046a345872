package org.medfed.methods.glm;

import org.medfed.formula.Design;

/**
 * A GLM's fitted values on a design at given coefficients: the one computation both the fit's own
 * evaluation ({@code glm --evaluate}) and the evaluation of a stored model ({@code evaluate}) use,
 * so that the two give bit-identical fitted values on the same rows.
 */
public final class Prediction {
    private Prediction() {
    }

    /**
     * The inverse link of the linear predictor (offset plus {@code X·beta}); a zero coefficient (as
     * an aliased one is) contributes nothing, as in R's {@code predict} of a rank-deficient fit.
     */
    public static double[] fitted(GlmFamily family, Design d, double[] beta) {
        double[] eta = IrlsPass.linearPredictor(d, beta);
        double[] fitted = new double[eta.length];
        for (int i = 0; i < eta.length; i++) {
            fitted[i] = family.linkinv(eta[i]);
        }
        return fitted;
    }
}
