package org.medfed.methods.km;

import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;

/**
 * A Kaplan–Meier job as the analyst states it ({@code survfit(Surv(time, event) ~ group)}, or
 * {@code ~ 1} without a group); serializes to JSON so that it can be sent to a hub.
 *
 * @param time      the follow-up time column
 * @param event     the status column (0 = censored, 1 = event, or TRUE/FALSE)
 * @param group     the column whose levels are the strata, or null for one curve
 * @param levels    analyst-given level order of the group (R's {@code factor(g, levels = ...)})
 * @param confLevel level of the pointwise intervals and of the median's interval (null: 0.95)
 */
public record KmParameters(String time, String event, String group, Map<String, List<String>> levels,
                           Double confLevel) {

    public KmParameters {
        Columns c = Columns.check("km", time, event, group, levels, false);
        group = c.group();
        levels = c.levels();
        confLevel = confLevel == null ? 0.95 : confLevel;
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("km: --conf-level must be between 0 and 1, got " + confLevel);
        }
    }

    public static KmParameters of(String time, String event, String group) {
        return new KmParameters(time, event, group, Map.of(), null);
    }

    public KmParameters withLevels(Map<String, List<String>> orders) {
        return new KmParameters(time, event, group, orders, confLevel);
    }

    public KmParameters withConfLevel(double level) {
        return new KmParameters(time, event, group, levels, level);
    }

    Columns columns() {
        return new Columns(time, event, group, levels);
    }
}
