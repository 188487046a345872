package org.medfed.methods.describe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;

/**
 * A two-sample t-test as the analyst states it (R's {@code t.test(column ~ group)}); serializes to
 * JSON so that it can be sent to a hub.
 *
 * @param column    the numeric outcome
 * @param group     the grouping column (text, or integer codes), which must have exactly two
 *                  levels among the rows used; the difference is first level minus second
 * @param varEqual  R's {@code var.equal}: true for the pooled-variance test, false (null) for Welch's
 * @param confLevel level of the interval of the difference in means (null: 0.95)
 * @param bounds    clipping bounds {@code [lo, hi]} of {@code column} (a map with at most that key):
 *                  values are clamped before summing, which bounds one row's effect (DP)
 * @param levels    the group's level order (R's {@code factor(g, levels = ...)}), by column
 */
public record TTestParameters(String column, String group, Boolean varEqual, Double confLevel,
                              Map<String, double[]> bounds, Map<String, List<String>> levels) {

    public TTestParameters {
        if (column == null || column.isBlank()) {
            throw new UsageException("ttest: name the numeric column (--column COLUMN)");
        }
        if (group == null || group.isBlank()) {
            throw new UsageException("ttest: name the grouping column (--group COLUMN)");
        }
        if (column.equals(group)) {
            throw new UsageException("ttest: --column and --group name the same column " + column);
        }
        varEqual = varEqual != null && varEqual;
        confLevel = confLevel == null ? 0.95 : confLevel;
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("ttest: --conf-level must be between 0 and 1, got " + confLevel);
        }
        bounds = Bounds.validated(bounds, List.of(column), "t-test's numeric column");
        Map<String, List<String>> lv = new LinkedHashMap<>();
        if (levels != null) {
            String g = group;
            levels.forEach((name, order) -> {
                if (!name.equals(g)) {
                    throw new UsageException("--levels " + name + ": only the group column " + g + " has levels");
                }
                lv.put(name, List.copyOf(order));
            });
        }
        levels = Collections.unmodifiableMap(lv);
    }

    /** Welch's test of {@code column} between the two levels of {@code group}, 95% interval, no clipping. */
    public static TTestParameters welch(String column, String group) {
        return new TTestParameters(column, group, false, null, Map.of(), Map.of());
    }

    /** The pooled-variance test (R's {@code var.equal = TRUE}). */
    public static TTestParameters pooled(String column, String group) {
        return new TTestParameters(column, group, true, null, Map.of(), Map.of());
    }

    public TTestParameters withLevels(List<String> order) {
        return new TTestParameters(column, group, varEqual, confLevel, bounds, Map.of(group, order));
    }

    public TTestParameters withBounds(double lo, double hi) {
        return new TTestParameters(column, group, varEqual, confLevel, Map.of(column, new double[] {lo, hi}), levels);
    }

    /** The clipping of the column, or null. */
    Clip clip() {
        return Bounds.of(bounds, column);
    }
}
