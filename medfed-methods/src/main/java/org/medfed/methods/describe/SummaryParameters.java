package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;

/**
 * A summary job as the analyst states it; serializes to JSON so that it can be sent to a hub.
 *
 * @param columns the columns to describe, in output order
 * @param bounds  clipping bounds {@code [lo, hi]} by numeric column: values are clamped into them
 *                before summing, which bounds one row's effect (the sensitivity a DP gate needs)
 * @param levels  analyst-given level orders by factor column (R's {@code factor(x, levels = ...)})
 * @param probs   the probabilities of the quantiles (type 7, R's default) of each numeric column;
 *                null means R's 0.25, 0.5, 0.75; empty means none
 * @param quantilePrecision the resolution of the quantile search relative to the column's sd: the
 *                search stops on a grid of step g = the largest 1, 2 or 5 × 10^k not above this
 *                times the sd, and each quantile is reported at most g above its exact value;
 *                null means {@value #DEFAULT_QUANTILE_PRECISION}
 * @param histogram whether to count each numeric column on R's {@code hist} breaks (null: yes)
 */
public record SummaryParameters(List<String> columns, Map<String, double[]> bounds, Map<String, List<String>> levels,
                                List<Double> probs, Double quantilePrecision, Boolean histogram) {

    /** R's {@code summary} quartiles. */
    public static final List<Double> DEFAULT_PROBS = List.of(0.25, 0.5, 0.75);
    public static final double DEFAULT_QUANTILE_PRECISION = 1e-3;
    /** Below this the search would pin single values to a few ulps: no analysis needs it. */
    public static final double FINEST_QUANTILE_PRECISION = 1e-9;

    public SummaryParameters {
        if (columns == null || columns.isEmpty()) {
            throw new UsageException("summary: name at least one column (--columns a,b)");
        }
        List<String> names = List.copyOf(columns);
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new UsageException("summary: a column is named twice in " + names);
        }
        columns = names;
        Map<String, double[]> b = new LinkedHashMap<>();
        if (bounds != null) {
            bounds.forEach((column, lohi) -> {
                if (!names.contains(column)) {
                    throw new UsageException("--bounds " + column + ": not one of the summarized columns " + names);
                }
                if (lohi == null || lohi.length != 2 || !Double.isFinite(lohi[0]) || !Double.isFinite(lohi[1])
                        || lohi[0] > lohi[1]) {
                    throw new UsageException("--bounds " + column + ": expected finite LO:HI with LO <= HI");
                }
                b.put(column, lohi.clone());
            });
        }
        bounds = Collections.unmodifiableMap(b);
        Map<String, List<String>> lv = new LinkedHashMap<>();
        if (levels != null) {
            levels.forEach((column, order) -> {
                if (!names.contains(column)) {
                    throw new UsageException("--levels " + column + ": not one of the summarized columns " + names);
                }
                lv.put(column, List.copyOf(order));
            });
        }
        levels = Collections.unmodifiableMap(lv);
        List<Double> ps = probs == null ? DEFAULT_PROBS : List.copyOf(probs);
        for (Double pr : ps) {
            if (pr == null || !(pr >= 0 && pr <= 1)) {
                throw new UsageException("--probs: each probability must be between 0 and 1, got " + pr);
            }
        }
        if (new LinkedHashSet<>(ps).size() != ps.size()) {
            throw new UsageException("--probs: a probability is given twice in " + ps);
        }
        probs = ps;
        double precision = quantilePrecision == null ? DEFAULT_QUANTILE_PRECISION : quantilePrecision;
        if (!(precision >= FINEST_QUANTILE_PRECISION && precision <= 1)) {
            throw new UsageException("--quantile-precision: expected a fraction of the sd between "
                    + FINEST_QUANTILE_PRECISION + " and 1, got " + quantilePrecision);
        }
        quantilePrecision = precision;
        histogram = histogram == null || histogram;
    }

    /** R's default quartiles, the default precision and histograms. */
    public SummaryParameters(List<String> columns, Map<String, double[]> bounds, Map<String, List<String>> levels) {
        this(columns, bounds, levels, null, null, null);
    }

    public static SummaryParameters of(String... columns) {
        return new SummaryParameters(List.of(columns), Map.of(), Map.of());
    }

    /** These parameters with the quantiles at {@code p} (empty: none). */
    public SummaryParameters withProbs(List<Double> p) {
        return new SummaryParameters(columns, bounds, levels, p, quantilePrecision, histogram);
    }

    public SummaryParameters withQuantilePrecision(double relative) {
        return new SummaryParameters(columns, bounds, levels, probs, relative, histogram);
    }

    public SummaryParameters withHistogram(boolean on) {
        return new SummaryParameters(columns, bounds, levels, probs, quantilePrecision, on);
    }

    /** These parameters with values of {@code column} clipped to [lo, hi]. */
    public SummaryParameters withBounds(String column, double lo, double hi) {
        Map<String, double[]> b = new LinkedHashMap<>(bounds);
        b.put(column, new double[] {lo, hi});
        return new SummaryParameters(columns, b, levels, probs, quantilePrecision, histogram);
    }

    public SummaryParameters withLevels(Map<String, List<String>> orders) {
        return new SummaryParameters(columns, bounds, orders, probs, quantilePrecision, histogram);
    }

    /** The clipping of {@code column}, or null when it has no bounds. */
    Clip clip(String column) {
        double[] b = bounds.get(column);
        return b == null ? null : new Clip(b[0], b[1]);
    }

    /** The columns that are numeric, in output order. */
    List<String> numericOf(java.util.Set<String> numeric) {
        List<String> out = new ArrayList<>();
        for (String c : columns) {
            if (numeric.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
