package org.medfed.methods.km;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.medfed.error.MedfedException;
import org.medfed.formula.Formula;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.MethodResult;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.survival.TimeGrid;

/**
 * The hub half shared by Kaplan–Meier and log-rank: the schema handshake (the group's levels),
 * the union of the sites' times as the grid, then one round of event and censoring counts per
 * stratum on it; the method's own finisher turns the pooled counts into its result.
 */
final class SurvivalCountsHub implements HubHalf {
    private final Columns columns;
    private final Formula formula;
    private final Function<PooledCounts, MethodResult> finish;
    private int round;
    private FrameSpec spec;
    private List<String> strata;
    private double[] grid;
    private Map<String, Double> timeSteps;

    SurvivalCountsHub(Columns columns, Function<PooledCounts, MethodResult> finish) {
        this.columns = columns;
        this.formula = columns.formula();
        this.finish = finish;
    }

    @Override
    public Step start() {
        return new Step.Next(Request.toAll(round++, FrameRound.STEP, Payload.EMPTY, FrameRound.releases(formula)));
    }

    @Override
    public Step next(Aggregate a) {
        if (spec == null) {
            return afterSchema(a);
        }
        return grid == null ? afterTimes(a) : afterCounts(a);
    }

    private Step afterSchema(Aggregate a) {
        Map<String, List<String>> userLevels = new LinkedHashMap<>();
        if (columns.group() != null) {
            String key = columns.groupKey(formula);
            List<String> given = columns.levels().get(columns.group());
            if (given != null) {
                userLevels.put(key, given);
            }
        }
        spec = FrameRound.harmonize(formula, a, userLevels);
        strata = new ArrayList<>();
        if (columns.group() == null) {
            strata.add("all");
        } else {
            for (String level : spec.levels().of(columns.groupKey(formula))) {
                strata.add(columns.group() + "=" + level);
            }
        }
        Payload.Builder b = Payload.builder();
        spec.writeTo(b);
        return new Step.Next(Request.toAll(round++, KmSteps.TIMES, b.build(), KmSteps.timeReleases()));
    }

    private Step afterTimes(Aggregate a) {
        grid = TimeGrid.parse(a.union(KmSteps.TIMES), KmSteps.TIMES);
        if (grid.length == 0) {
            throw new MedfedException("no site has a row with a time and a status in " + columns.time() + " and "
                    + columns.event() + (strata.size() > 1 ? " and a " + columns.group() : "")
                    + " that its policy lets it release");
        }
        timeSteps = new LinkedHashMap<>();
        a.perSite(KmSteps.TIME_STEP).forEach((site, v) -> timeSteps.put(site, v[0]));
        Payload.Builder b = Payload.builder().put(KmSteps.GRID, grid);
        return new Step.Next(Request.toAll(round++, KmSteps.COUNTS, b.build(),
                KmSteps.countReleases(strata.size(), grid.length)));
    }

    private Step afterCounts(Aggregate a) {
        double[] e = a.sum(KmSteps.EVENTS);
        double[] c = a.sum(KmSteps.CENSORED);
        int t = grid.length;
        double[][] events = new double[strata.size()][t];
        double[][] censored = new double[strata.size()][t];
        for (int g = 0; g < strata.size(); g++) {
            System.arraycopy(e, g * t, events[g], 0, t);
            System.arraycopy(c, g * t, censored[g], 0, t);
        }
        PooledCounts counts = new PooledCounts(strata, grid, events, censored, timeSteps,
                a.perSite(KmSteps.CENSORED_AT));
        return new Step.Done(finish.apply(counts));
    }
}
