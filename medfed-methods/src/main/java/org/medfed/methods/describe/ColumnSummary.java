package org.medfed.methods.describe;

import java.util.List;

/**
 * One column of a summary over all sites: non-missing and missing counts; for a numeric column
 * the mean and the variance with denominator n − 1 (NaN when undefined), for a factor its level
 * counts in level order.
 *
 * @param type "numeric" or "factor"
 */
public record ColumnSummary(String name, String type, double n, double missing, double mean, double variance,
                            List<LevelCount> levels) {
    public static final String NUMERIC = "numeric";
    public static final String FACTOR = "factor";

    public ColumnSummary {
        levels = List.copyOf(levels);
    }

    public boolean numeric() {
        return type.equals(NUMERIC);
    }

    /** The standard deviation (R's {@code sd}, denominator n − 1). */
    public double sd() {
        return Math.sqrt(variance);
    }

    public double count(String level) {
        for (LevelCount c : levels) {
            if (c.level().equals(level)) {
                return c.count();
            }
        }
        throw new IllegalArgumentException(name + " has no level " + level);
    }
}
