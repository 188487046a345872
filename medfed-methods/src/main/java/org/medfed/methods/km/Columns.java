package org.medfed.methods.km;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.formula.Formula;
import org.medfed.methods.frame.FrameRound;

/**
 * The columns a Kaplan–Meier or log-rank job reads, checked the same way for both: a time, a
 * status, and optionally (for the log-rank test, necessarily) a grouping column.
 */
record Columns(String time, String event, String group, Map<String, List<String>> levels) {

    static Columns check(String method, String time, String event, String group, Map<String, List<String>> levels,
                         boolean groupRequired) {
        if (time == null || time.isBlank()) {
            throw new UsageException(method + ": name the time column (--time COLUMN)");
        }
        if (event == null || event.isBlank()) {
            throw new UsageException(method + ": name the status column (--event COLUMN)");
        }
        if (group != null && group.isBlank()) {
            group = null;
        }
        if (group == null && groupRequired) {
            throw new UsageException(method + ": name the grouping column (--group COLUMN)");
        }
        if (time.equals(event) || time.equals(group) || event.equals(group)) {
            throw new UsageException(method + ": --time, --event and --group must name different columns");
        }
        Map<String, List<String>> lv = new LinkedHashMap<>();
        if (levels != null) {
            String g = group;
            levels.forEach((column, order) -> {
                if (!column.equals(g)) {
                    throw new UsageException("--levels " + column + ": only the grouping column has levels");
                }
                lv.put(column, List.copyOf(order));
            });
        }
        return new Columns(time, event, group, Collections.unmodifiableMap(lv));
    }

    /**
     * The schema round's formula: the time and the group as a factor, so that the round
     * harmonizes the group's levels over rows with a time and a group.
     */
    Formula formula() {
        String f = "~ " + FrameRound.quoted(time);
        if (group != null) {
            f += " + factor(" + FrameRound.quoted(group) + ")";
        }
        return Formula.parse(f);
    }

    /** The schema round's key of the group's factor (its levels), or null without a group. */
    String groupKey(Formula formula) {
        if (group == null) {
            return null;
        }
        for (String key : formula.factorKeys()) {
            if (key.startsWith("factor(")) {
                return key;
            }
        }
        throw new IllegalStateException("no factor key for " + group + " in " + formula);
    }
}
