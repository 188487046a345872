package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.formula.FactorLevels;
import org.medfed.formula.Formula;
import org.medfed.formula.ModelFrame;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Sensitivity;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The site half of a summary job: per column, counts of present and missing values, the sum of
 * the (clipped) numeric values, level counts of factors, and — once the hub has the global means —
 * the sum of squared deviations. The clipped values are kept in site state between the two
 * passes and never released.
 */
final class SummarySite implements SiteHalf {
    private static final String LEVELS = "summary.factorLevels";
    private static final String VALUES = "summary.values";

    private final SummaryParameters parameters;
    private final Formula formula;

    SummarySite(SummaryParameters parameters) {
        this.parameters = parameters;
        this.formula = SummarySteps.formula(parameters.columns());
    }

    /** The kept, present values of each numeric column after clipping, in numeric-column order. */
    private record NumericValues(List<String> columns, List<double[]> values) {
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        return switch (request.step()) {
            case FrameRound.STEP -> {
                Contribution schema = FrameRound.answerPerColumn(formula, data);
                state.put(LEVELS, schema.disclosure().factorLevels());
                yield schema;
            }
            case SummarySteps.MOMENTS -> moments(request, data, state);
            case SummarySteps.DEVIATIONS -> deviations(request, data, state);
            default -> throw new IllegalStateException("summary site: unknown step " + request.step());
        };
    }

    private Contribution moments(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        Table table = data.table();
        boolean[] keep = data.keep();
        List<String> columns = parameters.columns();
        int k = columns.size();
        double[] n = new double[k];
        double[] missing = new double[k];
        List<String> numeric = parameters.numericOf(spec.numericVariables());
        double[] sums = new double[numeric.size()];
        List<double[]> values = new ArrayList<>();
        Payload.Builder levelCounts = Payload.builder();
        List<double[]> released = new ArrayList<>(List.of(n, missing));
        int rowsKept = Disclosure.rowsOf(keep, table.rowCount()).cardinality();
        for (int j = 0; j < k; j++) {
            String column = columns.get(j);
            if (spec.numericVariables().contains(column)) {
                double[] present = presentValues(table, column, spec, keep);
                int m = numeric.indexOf(column);
                values.add(present);
                n[j] = present.length;
                missing[j] = rowsKept - present.length;
                for (double x : present) {
                    sums[m] += x;
                }
            } else {
                double[] counts = levelCounts(table, column, spec.levels(), keep);
                n[j] = Arrays.stream(counts).sum();
                missing[j] = rowsKept - n[j];
                levelCounts.put(SummarySteps.LEVEL_COUNTS + column, counts);
                released.add(counts);
            }
        }
        state.put(VALUES, new NumericValues(numeric, values));

        Payload.Builder b = Payload.builder().put(SummarySteps.N, n).put(SummarySteps.MISSING, missing);
        if (!numeric.isEmpty()) {
            b.put(SummarySteps.SUM, sums);
        }
        Payload factorCounts = levelCounts.build();
        factorCounts.numbers().forEach(b::put);

        // One row changes every column's n or its missing count by one: k elements touched.
        Disclosure d = facts(data, state).withSmallestCell(Counts.smallestNonZero(released))
                .withSensitivity(SummarySteps.N, Sensitivity.bounded(1, k))
                .withSensitivity(SummarySteps.MISSING, Sensitivity.bounded(1, k));
        for (String q : factorCounts.numbers().keySet()) {
            d = d.withSensitivity(q, Sensitivity.counts());
        }
        Sensitivity sumBound = clippedVector(numeric, (clip, m) -> clip.sumBound());
        if (sumBound != null) {
            d = d.withSensitivity(SummarySteps.SUM, sumBound);
        }
        return new Contribution(b.build(), d);
    }

    private Contribution deviations(Request request, SiteData data, SiteState state) {
        double[] mean = request.parameters().number(SummarySteps.MEAN);
        NumericValues nv = state.get(VALUES, NumericValues.class);
        double[] ss = new double[nv.columns().size()];
        for (int m = 0; m < ss.length; m++) {
            double mu = mean[m];
            double s = 0;
            for (double x : nv.values().get(m)) {
                double dx = x - mu;
                s += dx * dx;
            }
            ss[m] = s;
        }
        Disclosure d = facts(data, state);
        Sensitivity ssBound = clippedVector(nv.columns(), (clip, m) -> clip.squaredDeviationBound(mean[m]));
        if (ssBound != null) {
            d = d.withSensitivity(SummarySteps.SUM_SQ_DEV, ssBound);
        }
        return new Contribution(Payload.builder().put(SummarySteps.SUM_SQ_DEV, ss).build(), d);
    }

    /**
     * The sensitivity of a vector over the numeric columns whose element m one row changes by at
     * most {@code bound(clip of m, m)}; null (none declared) unless every numeric column is clipped.
     */
    private Sensitivity clippedVector(List<String> numeric, ToDoubleBiFunction<Clip, Integer> bound) {
        if (numeric.isEmpty()) {
            return null;
        }
        double[] perElement = new double[numeric.size()];
        for (int m = 0; m < perElement.length; m++) {
            Clip clip = parameters.clip(numeric.get(m));
            if (clip == null) {
                return null;
            }
            perElement[m] = bound.applyAsDouble(clip, m);
        }
        return Clip.ofVector(perElement);
    }

    /** Rows summarized (every kept row), which they are, and the factor levels present. */
    @SuppressWarnings("unchecked")
    private static Disclosure facts(SiteData data, SiteState state) {
        BitSet kept = Disclosure.rowsOf(data.keep(), data.table().rowCount());
        Map<String, Integer> levels = state.has(LEVELS) ? state.get(LEVELS, Map.class) : Map.of();
        return Disclosure.of(kept.cardinality(), 0).withFactorLevels(levels).withRowsUsed(kept);
    }

    private double[] presentValues(Table table, String column, FrameSpec spec, boolean[] keep) {
        double[] v = ModelFrame.numbers(table, column, spec.numericVariables(), keep);
        Clip clip = parameters.clip(column);
        double[] out = new double[v.length];
        int m = 0;
        for (int i = 0; i < v.length; i++) {
            if ((keep != null && !keep[i]) || Double.isNaN(v[i])) {
                continue;
            }
            if (clip == null && Double.isInfinite(v[i])) {
                throw new DataException(table.locate(i, column), "value is " + (v[i] > 0 ? "Inf" : "-Inf")
                        + "; a summary needs finite values (or clipping bounds, --bounds)");
            }
            out[m++] = clip == null ? v[i] : clip.apply(v[i]);
        }
        return Arrays.copyOf(out, m);
    }

    private static double[] levelCounts(Table table, String column, FactorLevels levels, boolean[] keep) {
        List<String> lv = levels.of(column);
        int rows = table.rowCount();
        boolean[] counted = new boolean[rows];
        var col = table.column(column);
        for (int i = 0; i < rows; i++) {
            counted[i] = (keep == null || keep[i]) && !col.isMissing(i);
        }
        int[] codes = ModelFrame.levelCodes(table, column, lv, column, counted);
        double[] counts = new double[lv.size()];
        for (int i = 0; i < rows; i++) {
            if (counted[i]) {
                counts[codes[i]]++;
            }
        }
        return counts;
    }
}
