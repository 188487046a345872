package org.medfed.methods.describe;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;

/**
 * A correlation job as the analyst states it; serializes to JSON so that it can be sent to a hub.
 *
 * @param columns   the numeric columns, in output order (at least two); rows with a missing value
 *                  in any of them are left out (R's {@code cor(use = "complete.obs")})
 * @param bounds    clipping bounds {@code [lo, hi]} by column: values are clamped into them before
 *                  anything is summed, which bounds one row's effect (the sensitivity a DP gate
 *                  needs); the correlations are then those of the clipped values
 * @param confLevel level of each pair's Fisher-z confidence interval (null: 0.95)
 */
public record CorrelationParameters(List<String> columns, Map<String, double[]> bounds, Double confLevel) {

    public CorrelationParameters {
        if (columns == null || columns.size() < 2) {
            throw new UsageException("correlation: name at least two numeric columns (--columns a,b)");
        }
        List<String> names = List.copyOf(columns);
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new UsageException("correlation: a column is named twice in " + names);
        }
        columns = names;
        bounds = Bounds.validated(bounds, names, "correlated columns");
        confLevel = confLevel == null ? 0.95 : confLevel;
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("correlation: --conf-level must be between 0 and 1, got " + confLevel);
        }
    }

    public static CorrelationParameters of(String... columns) {
        return new CorrelationParameters(List.of(columns), Map.of(), null);
    }

    /** These parameters with values of {@code column} clipped to [lo, hi]. */
    public CorrelationParameters withBounds(String column, double lo, double hi) {
        Map<String, double[]> b = new LinkedHashMap<>(bounds);
        b.put(column, new double[] {lo, hi});
        return new CorrelationParameters(columns, b, confLevel);
    }

    /** The clipping of {@code column}, or null when it has no bounds. */
    Clip clip(String column) {
        return Bounds.of(bounds, column);
    }
}
