package org.medfed.methods.describe;

import java.util.List;

/**
 * One column of a summary over all sites: non-missing and missing counts; for a numeric column
 * the mean and the variance with denominator n − 1 (NaN when undefined), its quantiles with the
 * precision the search reached, its minimum and maximum where every site's policy released
 * them (NaN otherwise), and its histogram; for a factor its level counts in level order.
 *
 * @param type              "numeric" or "factor"
 * @param quantiles         in the order asked; empty for factors, for columns without values, and
 *                          where counts were noised
 * @param quantilePrecision each quantile is at most this much above the exact type-7 value and not
 *                          below it (0 when exact); NaN when there are no quantiles
 * @param histogram         null for factors and where not computed
 */
public record ColumnSummary(String name, String type, double n, double missing, double mean, double variance,
                            List<LevelCount> levels, List<Quantile> quantiles, double quantilePrecision, double min,
                            double max, Histogram histogram) {
    public static final String NUMERIC = "numeric";
    public static final String FACTOR = "factor";

    public ColumnSummary {
        levels = List.copyOf(levels);
        quantiles = List.copyOf(quantiles);
    }

    /** A column with moments or level counts only. */
    public ColumnSummary(String name, String type, double n, double missing, double mean, double variance,
                         List<LevelCount> levels) {
        this(name, type, n, missing, mean, variance, levels, List.of(), Double.NaN, Double.NaN, Double.NaN, null);
    }

    public boolean numeric() {
        return type.equals(NUMERIC);
    }

    /** The standard deviation (R's {@code sd}, denominator n − 1). */
    public double sd() {
        return Math.sqrt(variance);
    }

    /** Whether the column's minimum and maximum were released. */
    public boolean hasExtremes() {
        return !Double.isNaN(min) && !Double.isNaN(max);
    }

    public double count(String level) {
        for (LevelCount c : levels) {
            if (c.level().equals(level)) {
                return c.count();
            }
        }
        throw new IllegalArgumentException(name + " has no level " + level);
    }

    /** The quantile at {@code prob}. */
    public double quantile(double prob) {
        for (Quantile q : quantiles) {
            if (q.prob() == prob) {
                return q.value();
            }
        }
        throw new IllegalArgumentException(name + " has no quantile at " + prob);
    }
}
