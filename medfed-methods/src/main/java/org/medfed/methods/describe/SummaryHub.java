package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 * The hub half of a summary job. Rounds: the schema handshake (column kinds, factor levels);
 * counts, sums and level counts; then, if any column is numeric, the sums of squared deviations
 * from the global means, from which the variance follows exactly (two passes, never
 * Σx² − n·mean², which loses digits when the mean is large against the spread), with each
 * site's extremes; then the quantile search (counts at thresholds, {@link OrderStatisticSearch})
 * and one round of histogram counts on R's breaks.
 *
 * <p>Quantiles, extremes and histograms need exact counts: when the counts of the moments round
 * are not whole numbers (a site's gate added differential-privacy noise), those rounds are
 * skipped and the result says so, rather than searching on noise and spending more budget.
 */
final class SummaryHub implements HubHalf {
    private enum Phase { SCHEMA, MOMENTS, DEVIATIONS, QUANTILES, HISTOGRAM }

    /** A guard against a search that does not converge (each round narrows every bracket 16-fold). */
    static final int MAX_QUANTILE_ROUNDS = 64;
    /** Without released extremes, histogram breaks span the mean ± this many sd. */
    static final double APPROXIMATE_RANGE_SDS = 3;

    private final SummaryParameters parameters;
    private final JobContext context;
    private final Formula formula;
    private Phase phase = Phase.SCHEMA;
    private int round;
    private int quantileRounds;
    private FrameSpec spec;
    private List<String> numeric;
    private final Map<String, List<String>> factorLevels = new LinkedHashMap<>();
    private double[] n;
    private double[] missing;
    private double[] mean;
    private double[] sumSqDev;
    private double[] min;
    private double[] max;
    private boolean exactCounts;
    private final Map<String, double[]> levelCounts = new LinkedHashMap<>();
    /** Per factor column and level: how many sites suppressed the count. */
    private final Map<String, double[]> levelSuppressed = new LinkedHashMap<>();
    private final Map<String, OrderStatisticSearch> searches = new LinkedHashMap<>();
    private final Map<String, long[]> asked = new LinkedHashMap<>();
    private final Map<String, double[]> breaks = new LinkedHashMap<>();
    private final Map<String, Histogram> histograms = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

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
            case QUANTILES -> afterQuantileCounts(a);
            case HISTOGRAM -> afterHistogram(a);
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
        factorLevels.keySet().forEach(column -> {
            levelCounts.put(column, a.sum(SummarySteps.LEVEL_COUNTS + column));
            levelSuppressed.put(column, a.sum(SummarySteps.LEVEL_SUPPRESSED + column));
        });
        if (levelSuppressed.values().stream().anyMatch(f -> Arrays.stream(f).anyMatch(x -> x > 0))) {
            notes.add("factor level counts below a site's minimum cell count (and the counts protecting them) were "
                    + "suppressed there: their pooled count is unknown (null, shown as *)");
        }
        if (numeric.isEmpty()) {
            return finish();
        }
        exactCounts = exact(n, missing);
        if (!exactCounts) {
            notes.add("counts carry differential-privacy noise: quantiles, minimum/maximum and histograms need "
                    + "exact counts and were not computed");
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
                Payload.builder().put(SummarySteps.MEAN, centre).build(),
                SummarySteps.deviationReleases(numeric.size(), exactCounts)));
    }

    /** Whether the counts are whole numbers that agree on the rows (as they do unless noised). */
    private static boolean exact(double[] n, double[] missing) {
        for (int j = 0; j < n.length; j++) {
            if (n[j] != Math.rint(n[j]) || missing[j] != Math.rint(missing[j]) || n[j] + missing[j] != n[0] + missing[0]) {
                return false;
            }
        }
        return true;
    }

    private Step afterDeviations(Aggregate a) {
        sumSqDev = a.sum(SummarySteps.SUM_SQ_DEV);
        min = new double[numeric.size()];
        max = new double[numeric.size()];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
        if (!exactCounts) {
            return finish();
        }
        readExtremes(a.perSite(SummarySteps.EXTREMES));
        for (int m = 0; m < numeric.size(); m++) {
            String column = numeric.get(m);
            long count = Math.round(n[parameters.columns().indexOf(column)]);
            if (count < 2 || !(sumSqDev[m] > 0) || parameters.probs().isEmpty()) {
                continue; // no values, or all equal: every quantile is the mean (finish says so)
            }
            double sd = Math.sqrt(sumSqDev[m] / (count - 1));
            // Grid indices must stay exact longs: far from zero against the spread, the grid coarsens
            // (the result states the precision reached). Samuelson: no value is beyond σ·√(n − 1).
            double reach = Math.abs(mean[m]) + Math.sqrt(sumSqDev[m]);
            SearchGrid grid = SearchGrid.atMost(Math.max(parameters.quantilePrecision() * sd, reach * 1e-15));
            double[] clip = parameters.bounds().get(column);
            double low = hasExtremes(m) ? min[m] : clip == null ? Double.NEGATIVE_INFINITY : clip[0];
            double high = hasExtremes(m) ? max[m] : clip == null ? Double.POSITIVE_INFINITY : clip[1];
            searches.put(column, new OrderStatisticSearch(grid, count, mean[m], sumSqDev[m], low, high,
                    orderStatistics(count)));
        }
        phase = Phase.QUANTILES;
        return nextQuantileRound();
    }

    /** The order statistics type 7 needs for the asked probabilities: x(j) and, when h is not whole, x(j + 1). */
    private List<Long> orderStatistics(long count) {
        TreeSet<Long> ks = new TreeSet<>();
        for (double p : parameters.probs()) {
            double h = (count - 1) * p + 1;
            long j = (long) Math.floor(h);
            ks.add(j);
            if (h > j) {
                ks.add(j + 1);
            }
        }
        return new ArrayList<>(ks);
    }

    /** Global extremes where every site released its own; a note naming the sites that withheld them. */
    private void readExtremes(Map<String, double[]> bySite) {
        List<String> withheld = new ArrayList<>();
        double[] lo = new double[numeric.size()];
        double[] hi = new double[numeric.size()];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        bySite.forEach((site, v) -> {
            boolean any = false;
            for (int m = 0; m < lo.length; m++) {
                if (Double.isNaN(v[2 * m]) || Double.isNaN(v[2 * m + 1])) {
                    any = true;
                }
                lo[m] = Math.min(lo[m], v[2 * m]);
                hi[m] = Math.max(hi[m], v[2 * m + 1]);
            }
            if (any) {
                withheld.add(site);
            }
        });
        if (!withheld.isEmpty()) {
            notes.add("minimum and maximum withheld by site policy (single-row values; allow_extremes: false) at "
                    + String.join(", ", withheld));
            return;
        }
        for (int m = 0; m < lo.length; m++) {
            if (Double.isFinite(lo[m]) && Double.isFinite(hi[m])) {
                min[m] = lo[m];
                max[m] = hi[m];
            }
        }
    }

    private boolean hasExtremes(int m) {
        return !Double.isNaN(min[m]) && !Double.isNaN(max[m]);
    }

    private Step nextQuantileRound() {
        asked.clear();
        Payload.Builder b = Payload.builder();
        Map<String, Integer> lengths = new LinkedHashMap<>();
        searches.forEach((column, search) -> {
            long[] indices = search.nextThresholds();
            if (indices.length > 0) {
                asked.put(column, indices);
                b.put(SummarySteps.THRESHOLDS + column, search.values(indices));
                lengths.put(column, indices.length);
            }
        });
        if (asked.isEmpty()) {
            return histogramRound();
        }
        if (++quantileRounds > MAX_QUANTILE_ROUNDS) {
            throw new MedfedException("summary: the quantile search did not finish in " + MAX_QUANTILE_ROUNDS + " rounds");
        }
        return new Step.Next(Request.toAll(round++, SummarySteps.QUANTILES, b.build(), SummarySteps.quantileReleases(lengths)));
    }

    private Step afterQuantileCounts(Aggregate a) {
        asked.forEach((column, indices) -> searches.get(column).record(indices, a.sum(SummarySteps.COUNT_AT_MOST + column)));
        return nextQuantileRound();
    }

    private Step histogramRound() {
        if (!parameters.histogram()) {
            return finish();
        }
        Payload.Builder b = Payload.builder();
        Map<String, Integer> bins = new LinkedHashMap<>();
        for (int m = 0; m < numeric.size(); m++) {
            String column = numeric.get(m);
            long count = Math.round(n[parameters.columns().indexOf(column)]);
            if (count < 1) {
                continue;
            }
            double[] range = histogramRange(m, count);
            double[] br = Breaks.pretty(range[0], range[1], Breaks.sturges(count));
            breaks.put(column, br);
            b.put(SummarySteps.EDGES + column, Breaks.fuzzyEdges(br, hasExtremes(m) ? max[m] - min[m] : br[br.length - 1] - br[0]));
            bins.put(column, br.length - 1);
        }
        if (bins.isEmpty()) {
            return finish();
        }
        phase = Phase.HISTOGRAM;
        return new Step.Next(Request.toAll(round++, SummarySteps.HISTOGRAM, b.build(), SummarySteps.histogramReleases(bins)));
    }

    /**
     * The released range, or mean ± 3 sd cut to what is possible (Samuelson: no value lies more
     * than σ·√(n − 1) from the mean, σ with denominator n) and to the clipping bounds.
     */
    private double[] histogramRange(int m, long count) {
        if (hasExtremes(m)) {
            return new double[] {min[m], max[m]};
        }
        double sd = count > 1 ? Math.sqrt(sumSqDev[m] / (count - 1)) : 0;
        double reach = Math.min(APPROXIMATE_RANGE_SDS * sd, Math.sqrt(sumSqDev[m] / count) * Math.sqrt(count - 1.0));
        double lo = mean[m] - reach;
        double hi = mean[m] + reach;
        double[] clip = parameters.bounds().get(numeric.get(m));
        if (clip != null) {
            lo = Math.max(lo, clip[0]);
            hi = Math.min(hi, clip[1]);
        }
        return new double[] {lo, hi};
    }

    private Step afterHistogram(Aggregate a) {
        for (int m = 0; m < numeric.size(); m++) {
            String column = numeric.get(m);
            double[] br = breaks.get(column);
            if (br == null) {
                continue;
            }
            double[] cells = a.sum(SummarySteps.HISTOGRAM_COUNTS + column);
            double[] flags = a.sum(SummarySteps.HISTOGRAM_SUPPRESSED + column);
            int k = br.length - 1;
            histograms.put(column, new Histogram(br, Arrays.copyOfRange(cells, 1, k + 1),
                    Arrays.copyOfRange(flags, 1, k + 1), cells[0], cells[k + 1], flags[0], flags[k + 1],
                    hasExtremes(m)));
        }
        if (histograms.values().stream().anyMatch(Histogram::anySuppressed)) {
            notes.add("histogram cells below a site's minimum cell count were suppressed there (counted as 0; "
                    + "'suppressed' says by how many sites)");
        }
        return finish();
    }

    private Step finish() {
        List<ColumnSummary> out = new ArrayList<>();
        List<String> columns = parameters.columns();
        for (int j = 0; j < columns.size(); j++) {
            String column = columns.get(j);
            int m = numeric.indexOf(column);
            if (m >= 0) {
                double variance = n[j] > 1 ? sumSqDev[m] / (n[j] - 1) : Double.NaN;
                List<Quantile> quantiles = new ArrayList<>();
                double precision = Double.NaN;
                OrderStatisticSearch search = searches.get(column);
                long count = Math.round(n[j]);
                if (search != null) {
                    precision = search.precision();
                    for (double p : parameters.probs()) {
                        quantiles.add(new Quantile(p, typeSeven(p, count, search)));
                    }
                } else if (exactCounts && count >= 1 && !parameters.probs().isEmpty()) {
                    // All values equal (or only one): every order statistic is the mean, exactly.
                    precision = 0;
                    for (double p : parameters.probs()) {
                        quantiles.add(new Quantile(p, mean[m]));
                    }
                }
                out.add(new ColumnSummary(column, ColumnSummary.NUMERIC, n[j], missing[j], mean[m], variance, List.of(),
                        quantiles, precision, min == null ? Double.NaN : min[m], max == null ? Double.NaN : max[m],
                        histograms.get(column)));
            } else {
                List<String> lv = factorLevels.get(column);
                double[] counts = levelCounts.get(column);
                double[] hidden = levelSuppressed.get(column);
                List<LevelCount> levels = new ArrayList<>();
                for (int l = 0; l < lv.size(); l++) {
                    // Suppressed at any site: the sum holds only the other sites' part, not a total.
                    levels.add(hidden[l] > 0 ? LevelCount.suppressed(lv.get(l)) : new LevelCount(lv.get(l), counts[l]));
                }
                out.add(new ColumnSummary(column, ColumnSummary.FACTOR, n[j], missing[j], Double.NaN, Double.NaN, levels));
            }
        }
        return new Step.Done(new SummaryResult(parameters, out, context.sites(), context.where(), notes));
    }

    /** R's type 7: with h = (n − 1)p + 1, x(⌊h⌋) + (h − ⌊h⌋)(x(⌊h⌋ + 1) − x(⌊h⌋)), as R computes it. */
    private static double typeSeven(double p, long count, OrderStatisticSearch search) {
        double h = (count - 1) * p + 1;
        long j = (long) Math.floor(h);
        double lo = search.value(j);
        if (h == j) {
            return lo;
        }
        double hi = search.value(j + 1);
        if (hi == lo) {
            return lo;
        }
        double f = h - j;
        return (1 - f) * lo + f * hi;
    }
}
