package org.medfed.methods.describe;

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
 * The hub half of a t-test. Rounds: the schema handshake (the column must be numeric and the
 * group must have exactly two levels among the rows used); each group's count and sum, hence its
 * mean; then each group's sum of squared deviations from that mean, from which the variances
 * follow exactly (two passes).
 */
final class TTestHub implements HubHalf {
    private enum Phase { SCHEMA, MOMENTS, DEVIATIONS }

    private final TTestParameters parameters;
    private final JobContext context;
    private final Formula formula;
    private Phase phase = Phase.SCHEMA;
    private int round;
    private List<String> levels;
    private double[] n;
    private double[] mean;

    TTestHub(TTestParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.formula = TTestSteps.formula(parameters);
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
            case DEVIATIONS -> afterDeviations(a);
        };
    }

    private Step afterSchema(Aggregate a) {
        String key = TTestSteps.groupKey(formula);
        List<String> order = parameters.levels().get(parameters.group());
        FrameSpec spec = FrameRound.harmonize(formula, a, order == null ? Map.of() : Map.of(key, order));
        if (!spec.numericVariables().contains(parameters.column())) {
            throw new UsageException("ttest: column " + parameters.column() + " is not numeric at any site (text); "
                    + "a t-test compares the means of a numeric column");
        }
        levels = spec.levels().of(key);
        if (levels.size() != 2) {
            throw new UsageException("ttest: group " + parameters.group() + " has " + levels.size()
                    + (levels.size() == 1 ? " level" : " levels") + " among the rows used (" + String.join(", ", levels)
                    + "); a two-sample t-test needs exactly 2 (keep two with --where)");
        }
        Payload.Builder b = Payload.builder();
        spec.writeTo(b);
        phase = Phase.MOMENTS;
        return new Step.Next(Request.toAll(round++, TTestSteps.MOMENTS, b.build(), TTestSteps.momentReleases()));
    }

    private Step afterMoments(Aggregate a) {
        n = a.sum(TTestSteps.N).clone();
        double[] sum = a.sum(TTestSteps.SUM);
        boolean varEqual = parameters.varEqual();
        for (int g = 0; g < 2; g++) {
            if (n[g] < 1 || (!varEqual && n[g] < 2)) {
                throw new MedfedException("ttest: group " + levels.get(g) + " has " + ResultText.fmt(n[g])
                        + (n[g] == 1 ? " row" : " rows") + " with a value over all sites; " + (varEqual ? "each group needs at least 1"
                        : "Welch's test needs at least 2 per group (R: not enough observations)"));
            }
        }
        if (n[0] + n[1] < 3) {
            throw new MedfedException("ttest: " + ResultText.fmt(n[0] + n[1])
                    + " rows with a value over all sites; the pooled test needs at least 3 (R: not enough observations)");
        }
        mean = new double[] {sum[0] / n[0], sum[1] / n[1]};
        phase = Phase.DEVIATIONS;
        return new Step.Next(Request.toAll(round++, TTestSteps.DEVIATIONS,
                Payload.builder().put(TTestSteps.MEAN, mean).build(), TTestSteps.deviationReleases()));
    }

    private Step afterDeviations(Aggregate a) {
        double[] ss = a.sum(TTestSteps.SUM_SQ_DEV);
        return new Step.Done(TTestResult.of(parameters, levels, n, mean, ss, context.sites(), context.where()));
    }
}
