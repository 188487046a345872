package org.medfed.methods.km;

import java.util.List;
import java.util.Map;

/**
 * A log-rank test as the analyst states it ({@code survdiff(Surv(time, event) ~ group)}, rho = 0);
 * serializes to JSON so that it can be sent to a hub.
 *
 * @param time   the follow-up time column
 * @param event  the status column (0 = censored, 1 = event, or TRUE/FALSE)
 * @param group  the column whose levels are compared
 * @param levels analyst-given level order of the group (R's {@code factor(g, levels = ...)})
 */
public record LogrankParameters(String time, String event, String group, Map<String, List<String>> levels) {

    public LogrankParameters {
        Columns c = Columns.check("logrank", time, event, group, levels, true);
        group = c.group();
        levels = c.levels();
    }

    public static LogrankParameters of(String time, String event, String group) {
        return new LogrankParameters(time, event, group, Map.of());
    }

    public LogrankParameters withLevels(Map<String, List<String>> orders) {
        return new LogrankParameters(time, event, group, orders);
    }

    Columns columns() {
        return new Columns(time, event, group, levels);
    }
}
