package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
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
 * the sum of squared deviations and this site's extremes (declared single-row values, which the
 * gate withholds unless the site's policy allows them); then counts of values at or below the
 * hub's thresholds (the quantile search) and counts per histogram bin (declared suppressible
 * cells). The clipped values are kept in site state between rounds and never released.
 *
 * <p>What the threshold counts reveal: together, every threshold released for a column cuts this
 * site's values into cells, and differences of counts give each cell's size. Cells next to a
 * quantile may hold one row, which they locate no more finely than the search grid step — the
 * precision the quantile itself is given at. The cells that would locate this site's most extreme
 * rows (its lowest and its highest non-empty cell) are declared as the smallest released count,
 * so the gate's minimum-cell rule refuses a search that isolates fewer than min_cell_count of them.
 */
final class SummarySite implements SiteHalf {
    private static final String LEVELS = "summary.factorLevels";
    private static final String VALUES = "summary.values";
    private static final String SORTED = "summary.sorted";
    private static final String THRESHOLDS = "summary.thresholds";

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
            case SummarySteps.QUANTILES -> quantileCounts(request, data, state);
            case SummarySteps.HISTOGRAM -> histogram(request, data, state);
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
                // Not among the counts judged whole: the gate suppresses small level counts.
                levelCounts.put(SummarySteps.LEVEL_COUNTS + column, counts);
                levelCounts.put(SummarySteps.LEVEL_SUPPRESSED + column, new double[counts.length]);
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
            if (q.startsWith(SummarySteps.LEVEL_COUNTS)) {
                String column = q.substring(SummarySteps.LEVEL_COUNTS.length());
                d = d.withSensitivity(q, Sensitivity.counts())
                        .withSuppressibleCells(q, SummarySteps.LEVEL_SUPPRESSED + column);
            }
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
        Payload.Builder b = Payload.builder().put(SummarySteps.SUM_SQ_DEV, ss);
        if (request.release(SummarySteps.EXTREMES) != null) {
            // min and max of no values are +Inf and -Inf, as R's min(numeric(0)) and max(numeric(0)).
            double[] extremes = new double[2 * ss.length];
            for (int m = 0; m < ss.length; m++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double x : nv.values().get(m)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
                extremes[2 * m] = lo;
                extremes[2 * m + 1] = hi;
            }
            b.put(SummarySteps.EXTREMES, extremes);
            d = d.withSingleRowValues(SummarySteps.EXTREMES);
        }
        return new Contribution(b.build(), d);
    }

    /** This site's values of each numeric column, sorted (computed once per job). */
    private static Map<String, double[]> sorted(SiteState state) {
        if (!state.has(SORTED)) {
            NumericValues nv = state.get(VALUES, NumericValues.class);
            Map<String, double[]> out = new HashMap<>();
            for (int m = 0; m < nv.columns().size(); m++) {
                double[] v = nv.values().get(m).clone();
                Arrays.sort(v);
                out.put(nv.columns().get(m), v);
            }
            state.put(SORTED, out);
        }
        @SuppressWarnings("unchecked")
        Map<String, double[]> out = state.get(SORTED, Map.class);
        return out;
    }

    /** How many of the sorted values are at or below {@code t}. */
    private static int atMost(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private Contribution quantileCounts(Request request, SiteData data, SiteState state) {
        Map<String, double[]> sorted = sorted(state);
        if (!state.has(THRESHOLDS)) {
            state.put(THRESHOLDS, new HashMap<String, TreeSet<Double>>());
        }
        @SuppressWarnings("unchecked")
        Map<String, TreeSet<Double>> released = state.get(THRESHOLDS, Map.class);
        Payload.Builder b = Payload.builder();
        List<double[]> extremeCells = new ArrayList<>();
        Disclosure d = facts(data, state);
        for (String column : parameters.columns()) {
            String key = SummarySteps.THRESHOLDS + column;
            if (!request.parameters().hasNumber(key)) {
                continue;
            }
            double[] values = sorted.get(column);
            double[] t = request.parameters().number(key);
            double[] counts = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                counts[i] = atMost(values, t[i]);
            }
            b.put(SummarySteps.COUNT_AT_MOST + column, counts);
            // One row moves each count by at most one.
            d = d.withSensitivity(SummarySteps.COUNT_AT_MOST + column, Sensitivity.bounded(1, t.length));
            TreeSet<Double> all = released.computeIfAbsent(column, c -> new TreeSet<>());
            for (double x : t) {
                all.add(x);
            }
            extremeCells.add(outermostCells(values, all));
        }
        return new Contribution(b.build(), d.withSmallestCell(Counts.smallestNonZero(extremeCells)));
    }

    /**
     * The sizes of the lowest and the highest non-empty cell into which {@code thresholds} cut the
     * sorted {@code values} (the cells that hold this site's extreme rows).
     */
    static double[] outermostCells(double[] values, SortedSet<Double> thresholds) {
        if (values.length == 0) {
            return new double[0];
        }
        int previous = 0;
        double lowest = -1;
        double highest = -1;
        for (double t : thresholds) {
            int c = atMost(values, t);
            int cell = c - previous;
            if (cell > 0) {
                if (lowest < 0) {
                    lowest = cell;
                }
                highest = cell;
            }
            previous = c;
        }
        int last = values.length - previous;
        if (last > 0) {
            if (lowest < 0) {
                lowest = last;
            }
            highest = last;
        }
        return new double[] {lowest, highest};
    }

    private Contribution histogram(Request request, SiteData data, SiteState state) {
        Map<String, double[]> sorted = sorted(state);
        Payload.Builder b = Payload.builder();
        Disclosure d = facts(data, state);
        for (String column : parameters.columns()) {
            String key = SummarySteps.EDGES + column;
            if (!request.parameters().hasNumber(key)) {
                continue;
            }
            double[] edges = request.parameters().number(key);
            double[] cells = new double[edges.length + 1];
            for (double x : sorted.get(column)) {
                cells[Breaks.cell(edges, x)]++;
            }
            String counts = SummarySteps.HISTOGRAM_COUNTS + column;
            String flags = SummarySteps.HISTOGRAM_SUPPRESSED + column;
            b.put(counts, cells).put(flags, new double[cells.length]);
            // No smallest cell is declared: the gate judges each suppressible cell itself.
            d = d.withSensitivity(counts, Sensitivity.counts()).withSuppressibleCells(counts, flags);
        }
        return new Contribution(b.build(), d);
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
