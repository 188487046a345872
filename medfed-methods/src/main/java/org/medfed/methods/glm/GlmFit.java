package org.medfed.methods.glm;

/**
 * Goodness-of-fit numbers of a GLM, named as R's {@code glm} object and {@code broom::glance}.
 *
 * @param logLikDf degrees of freedom of the log-likelihood (rank, plus one for an estimated dispersion)
 * @param nobs     rows with non-zero prior weight (R's {@code nobs})
 */
public record GlmFit(double deviance, double nullDeviance, double dfResidual, double dfNull, double aic,
                     double logLikelihood, int logLikDf, int rank, double dispersion, double pearsonChisq,
                     double nobs) {

    public double bic() {
        return -2 * logLikelihood + Math.log(nobs) * logLikDf;
    }
}
