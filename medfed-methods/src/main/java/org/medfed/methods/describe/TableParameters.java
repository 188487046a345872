package org.medfed.methods.describe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;

/**
 * A contingency-table job as the analyst states it; serializes to JSON so that it can be sent to
 * a hub. Text columns are factors; numeric columns are read as integer codes (R's
 * {@code factor(x)}: one level per distinct value).
 *
 * @param rows   the row variable
 * @param cols   the column variable, or null for a one-way table
 * @param levels    analyst-given level orders by column (R's {@code factor(x, levels = ...)})
 * @param correct   R's {@code chisq.test(correct = )}: Yates' continuity correction for a 2 × 2 table
 *                  (null: true, R's default)
 * @param confLevel level of the 2 × 2 odds-ratio and risk-difference intervals (null: 0.95)
 */
public record TableParameters(String rows, String cols, Map<String, List<String>> levels, Boolean correct,
                              Double confLevel) {

    public TableParameters {
        if (rows == null || rows.isBlank()) {
            throw new UsageException("table: name the row variable (--rows COLUMN)");
        }
        if (cols != null && cols.isBlank()) {
            cols = null;
        }
        if (rows.equals(cols)) {
            throw new UsageException("table: --rows and --cols name the same column " + rows);
        }
        Map<String, List<String>> lv = new LinkedHashMap<>();
        if (levels != null) {
            String c = cols;
            levels.forEach((column, order) -> {
                if (!column.equals(rows) && !column.equals(c)) {
                    throw new UsageException("--levels " + column + ": not a variable of the table");
                }
                lv.put(column, List.copyOf(order));
            });
        }
        levels = Collections.unmodifiableMap(lv);
        correct = correct == null || correct;
        confLevel = confLevel == null ? 0.95 : confLevel;
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("table: --conf-level must be between 0 and 1, got " + confLevel);
        }
    }

    /** R's defaults for the tests: Yates' correction for 2 × 2, 95% intervals. */
    public TableParameters(String rows, String cols, Map<String, List<String>> levels) {
        this(rows, cols, levels, null, null);
    }

    public static TableParameters oneWay(String rows) {
        return new TableParameters(rows, null, Map.of());
    }

    public static TableParameters twoWay(String rows, String cols) {
        return new TableParameters(rows, cols, Map.of());
    }

    public TableParameters withLevels(Map<String, List<String>> orders) {
        return new TableParameters(rows, cols, orders, correct, confLevel);
    }

    /** These parameters with Yates' correction on or off and intervals at {@code level}. */
    public TableParameters withTests(boolean yates, double level) {
        return new TableParameters(rows, cols, levels, yates, level);
    }

    /** The table's variables: the row variable, then the column variable if any. */
    List<String> variables() {
        return cols == null ? List.of(rows) : List.of(rows, cols);
    }
}
