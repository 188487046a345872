package org.medfed.methods.pca;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.formula.Formula;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The hub half of a PCA job. Rounds: the schema handshake (every column must be numeric); the
 * count of complete rows and the column sums, hence the global means; then the centred
 * cross-products around those means, from which the covariance (divisor n − 1, as {@code prcomp})
 * or correlation matrix follows exactly, and its eigen decomposition gives the components.
 */
final class PcaHub implements HubHalf {
    private enum Phase { SCHEMA, MOMENTS, CROSS }

    private final PcaParameters parameters;
    private final JobContext context;
    private final Formula formula;
    private Phase phase = Phase.SCHEMA;
    private int round;
    private double n;
    private double[] mean;

    PcaHub(PcaParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.formula = PcaSteps.formula(parameters.columns());
    }

    @Override
    public Step start() {
        return new Step.Next(Request.toAll(round++, FrameRound.STEP, Payload.EMPTY, FrameRound.releases(formula)));
    }

    @Override
    public Step next(Aggregate a) {
        return switch (phase) {
            case SCHEMA -> afterSchema(a);
            case MOMENTS -> afterMoments(a);
            case CROSS -> afterCross(a);
        };
    }

    private Step afterSchema(Aggregate a) {
        FrameSpec spec = FrameRound.harmonize(formula, a, Map.of());
        List<String> text = new ArrayList<>();
        for (String column : parameters.columns()) {
            if (!spec.numericVariables().contains(column)) {
                text.add(column);
            }
        }
        if (!text.isEmpty()) {
            throw new UsageException("pca: " + (text.size() == 1 ? "column " : "columns ") + String.join(", ", text)
                    + (text.size() == 1 ? " is" : " are") + " not numeric at any site (text); principal components "
                    + "need numeric columns");
        }
        Payload.Builder b = Payload.builder();
        spec.writeTo(b);
        phase = Phase.MOMENTS;
        return new Step.Next(Request.toAll(round++, PcaSteps.MOMENTS, b.build(),
                PcaSteps.momentReleases(parameters.columns().size())));
    }

    private Step afterMoments(Aggregate a) {
        n = a.scalar(PcaSteps.N);
        int k = parameters.columns().size();
        if (!(n > k)) {
            throw new MedfedException("pca: " + PcaResult.fmt(n) + " rows complete in every column over all sites, for "
                    + k + " columns; principal components of " + k + " columns need at least " + (k + 1)
                    + " rows (from n rows the covariance matrix has rank at most n - 1)");
        }
        mean = a.sum(PcaSteps.SUM).clone();
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= n;
        }
        phase = Phase.CROSS;
        return new Step.Next(Request.toAll(round++, PcaSteps.CROSS,
                Payload.builder().put(PcaSteps.MEAN, mean).build(), PcaSteps.crossReleases(k)));
    }

    private Step afterCross(Aggregate a) {
        double[] packed = a.sum(PcaSteps.CROSS_PRODUCTS);
        int k = parameters.columns().size();
        double[][] covariance = new double[k][k];
        int e = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                covariance[i][j] = packed[e++] / (n - 1);
                covariance[j][i] = covariance[i][j];
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
