package org.medfed.methods.pca;

import org.medfed.error.MedfedException;
import org.medfed.method.JobContext;
import org.medfed.method.Step;
import org.medfed.methods.describe.CentredMoments;
import org.medfed.methods.describe.CentredMomentsHub;

/**
 * The hub half of a PCA job: the {@link CentredMoments} rounds (schema, complete rows and column
 * sums, then the cross-products centred on the global means), from which the covariance (divisor
 * n − 1, as {@code prcomp}) or correlation matrix follows exactly; its eigen decomposition gives
 * the components.
 */
final class PcaHub extends CentredMomentsHub {
    private final PcaParameters parameters;
    private final JobContext context;

    PcaHub(PcaParameters parameters, JobContext context) {
        super("pca", "principal components need", parameters.columns());
        this.parameters = parameters;
        this.context = context;
    }

    @Override
    protected void checkRows(double n) {
        int k = parameters.columns().size();
        if (!(n > k)) {
            throw new MedfedException("pca: " + PcaResult.fmt(n) + " rows complete in every column over all sites, for "
                    + k + " columns; principal components of " + k + " columns need at least " + (k + 1)
                    + " rows (from n rows the covariance matrix has rank at most n - 1)");
        }
    }

    @Override
    protected Step finish(double n, double[] mean, double[][] crossProducts) {
        int k = parameters.columns().size();
        double[][] covariance = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                covariance[i][j] = crossProducts[i][j] / (n - 1);
            }
        }
        double[] scale = null;
        double[][] analysed = covariance;
        if (parameters.scale()) {
            scale = new double[k];
            for (int i = 0; i < k; i++) {
                scale[i] = Math.sqrt(covariance[i][i]);
                if (!(scale[i] > 0)) {
                    throw new MedfedException("pca: column " + parameters.columns().get(i) + " is constant over the "
                            + PcaResult.fmt(n) + " complete rows (standard deviation 0): it cannot be scaled to unit "
                            + "variance (--scale); leave it out, or analyse the covariance matrix without --scale");
                }
            }
            analysed = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    analysed[i][j] = i == j ? 1 : covariance[i][j] / (scale[i] * scale[j]);
                }
            }
        }
        return new Step.Done(PcaResult.of(parameters, n, mean, scale, SymmetricEigen.of(analysed), context.sites(),
                context.where()));
    }
}
