package org.medfed.methods.describe;

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
 * The hub half of a correlation job. Rounds: the schema handshake (every column must be numeric);
 * the count of complete rows and the column sums, hence the global means; then the centred
 * cross-products around those means, from which the correlations follow exactly (two passes, as
 * R's {@code cor}, never Σxy − n·x̄ȳ).
 */
final class CorrelationHub implements HubHalf {
    private enum Phase { SCHEMA, MOMENTS, CROSS }

    private final CorrelationParameters parameters;
    private final JobContext context;
    private final Formula formula;
    private Phase phase = Phase.SCHEMA;
    private int round;
    private double n;

    CorrelationHub(CorrelationParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.formula = CorrelationSteps.formula(parameters.columns());
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
            throw new UsageException("correlation: " + (text.size() == 1 ? "column " : "columns ") + String.join(", ", text)
                    + (text.size() == 1 ? " is" : " are") + " not numeric at any site (text); a Pearson correlation "
                    + "needs numeric columns");
        }
        Payload.Builder b = Payload.builder();
        spec.writeTo(b);
        phase = Phase.MOMENTS;
        return new Step.Next(Request.toAll(round++, CorrelationSteps.MOMENTS, b.build(),
                CorrelationSteps.momentReleases(parameters.columns().size())));
    }

    private Step afterMoments(Aggregate a) {
        n = a.scalar(CorrelationSteps.N);
        if (!(n >= 3)) {
            throw new MedfedException("correlation: " + ResultText.fmt(n) + " rows complete in every column over all sites; "
                    + "a correlation and its test need at least 3");
        }
        double[] mean = a.sum(CorrelationSteps.SUM).clone();
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= n;
        }
        phase = Phase.CROSS;
        return new Step.Next(Request.toAll(round++, CorrelationSteps.CROSS,
                Payload.builder().put(CorrelationSteps.MEAN, mean).build(),
                CorrelationSteps.crossReleases(mean.length)));
    }

    private Step afterCross(Aggregate a) {
        double[] packed = a.sum(CorrelationSteps.CROSS_PRODUCTS);
        int k = parameters.columns().size();
        double[][] s = new double[k][k];
        int e = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                s[i][j] = packed[e];
                s[j][i] = packed[e++];
            }
        }
        return new Step.Done(CorrelationResult.of(parameters, n, s, context.sites(), context.where()));
    }
}
