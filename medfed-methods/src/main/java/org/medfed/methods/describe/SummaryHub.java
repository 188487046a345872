package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The hub half of a summary job. Rounds: the schema handshake (column kinds, factor levels);
 * counts, sums and level counts; then, if any column is numeric, the sums of squared deviations
 * from the global means, from which the variance follows exactly (two passes, never
 * Σx² − n·mean², which loses digits when the mean is large against the spread).
 */
final class SummaryHub implements HubHalf {
    private enum Phase { SCHEMA, MOMENTS, DEVIATIONS }

    private final SummaryParameters parameters;
    private final JobContext context;
    private final Formula formula;
    private Phase phase = Phase.SCHEMA;
    private int round;
    private FrameSpec spec;
    private List<String> numeric;
    private final Map<String, List<String>> factorLevels = new LinkedHashMap<>();
    private double[] n;
    private double[] missing;
    private double[] mean;
    private final Map<String, double[]> levelCounts = new LinkedHashMap<>();

    SummaryHub(SummaryParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.formula = SummarySteps.formula(parameters.columns());
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
        spec = FrameRound.harmonize(formula, a, parameters.levels());
        numeric = parameters.numericOf(spec.numericVariables());
        for (String column : parameters.columns()) {
            if (!numeric.contains(column)) {
                factorLevels.put(column, spec.levels().of(column));
            }
        }
        for (String column : parameters.bounds().keySet()) {
            if (!numeric.contains(column)) {
                throw new UsageException("--bounds " + column + ": the column is not numeric at any site");
            }
        }
        Payload.Builder b = Payload.builder();
        spec.writeTo(b);
        phase = Phase.MOMENTS;
        return new Step.Next(Request.toAll(round++, SummarySteps.MOMENTS, b.build(),
                SummarySteps.momentReleases(parameters.columns().size(), numeric.size(), factorLevels)));
    }

    private Step afterMoments(Aggregate a) {
        n = a.sum(SummarySteps.N);
        missing = a.sum(SummarySteps.MISSING);
        factorLevels.keySet().forEach(column -> levelCounts.put(column, a.sum(SummarySteps.LEVEL_COUNTS + column)));
        if (numeric.isEmpty()) {
            return finish(new double[0]);
        }
        double[] sums = a.sum(SummarySteps.SUM);
        mean = new double[numeric.size()];
        for (int m = 0; m < mean.length; m++) {
            double count = n[parameters.columns().indexOf(numeric.get(m))];
            mean[m] = count > 0 ? sums[m] / count : Double.NaN;
        }
        // A column without values has no mean; its (empty) sum of squares is asked about 0.
        double[] centre = mean.clone();
        for (int m = 0; m < centre.length; m++) {
            if (!Double.isFinite(centre[m])) {
                centre[m] = 0;
            }
        }
        phase = Phase.DEVIATIONS;
        return new Step.Next(Request.toAll(round++, SummarySteps.DEVIATIONS,
                Payload.builder().put(SummarySteps.MEAN, centre).build(), SummarySteps.deviationReleases(numeric.size())));
    }

    private Step afterDeviations(Aggregate a) {
        return finish(a.sum(SummarySteps.SUM_SQ_DEV));
    }

    private Step finish(double[] sumSqDev) {
        List<ColumnSummary> out = new ArrayList<>();
        List<String> columns = parameters.columns();
        for (int j = 0; j < columns.size(); j++) {
            String column = columns.get(j);
            int m = numeric.indexOf(column);
            if (m >= 0) {
                double variance = n[j] > 1 ? sumSqDev[m] / (n[j] - 1) : Double.NaN;
                out.add(new ColumnSummary(column, ColumnSummary.NUMERIC, n[j], missing[j], mean[m], variance, List.of()));
            } else {
                List<String> lv = factorLevels.get(column);
                double[] counts = levelCounts.get(column);
                List<LevelCount> levels = new ArrayList<>();
                for (int l = 0; l < lv.size(); l++) {
                    levels.add(new LevelCount(lv.get(l), counts[l]));
                }
                out.add(new ColumnSummary(column, ColumnSummary.FACTOR, n[j], missing[j], Double.NaN, Double.NaN, levels));
            }
        }
        return new Step.Done(new SummaryResult(parameters, out, context.sites(), context.where()));
    }
}
