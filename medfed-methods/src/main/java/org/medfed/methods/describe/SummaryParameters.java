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
 */
public record SummaryParameters(List<String> columns, Map<String, double[]> bounds, Map<String, List<String>> levels) {

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
    }

    public static SummaryParameters of(String... columns) {
        return new SummaryParameters(List.of(columns), Map.of(), Map.of());
    }

    /** These parameters with values of {@code column} clipped to [lo, hi]. */
    public SummaryParameters withBounds(String column, double lo, double hi) {
        Map<String, double[]> b = new LinkedHashMap<>(bounds);
        b.put(column, new double[] {lo, hi});
        return new SummaryParameters(columns, b, levels);
    }

    public SummaryParameters withLevels(Map<String, List<String>> orders) {
        return new SummaryParameters(columns, bounds, orders);
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
