package org.medfed.methods.km;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.medfed.formula.Formula;
import org.medfed.formula.ModelFrame;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.RiskSets;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.survival.SurvivalRows;
import org.medfed.methods.survival.TimeGrid;

/**
 * The site half of Kaplan–Meier and log-rank jobs: the schema round (the group's levels), its
 * distinct times with its risk set at each, then its event and censoring counts per group on the
 * hub's time grid. Both releases declare their risk sets, so the site's gate can hold them to the
 * site's minimum; the site never sees its policy.
 */
final class KmSite implements SiteHalf {
    private static final String ROWS = "km.rows";

    private final Columns columns;
    private final Formula formula;

    KmSite(Columns columns) {
        this.columns = columns;
        this.formula = columns.formula();
    }

    /** The site's survival rows and each one's group (0 without a group). */
    private record Grouped(SurvivalRows rows, int[] group, int groups) {
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        return switch (request.step()) {
            case FrameRound.STEP -> FrameRound.answerAndKeep(formula, data, state);
            // The time grid and the counts on it reveal event and censoring times.
            case KmSteps.TIMES -> eventTimes(times(request, data, state));
            case KmSteps.COUNTS -> eventTimes(counts(request, state));
            default -> throw new IllegalStateException("km site: unknown step " + request.step());
        };
    }

    private Contribution times(Request request, SiteData data, SiteState state) {
        Disclosure schema = FrameRound.kept(state);
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        boolean[] candidates = new boolean[data.table().rowCount()];
        BitSet complete = schema.rowsUsed();
        complete.stream().forEach(i -> candidates[i] = true);
        SurvivalRows rows = SurvivalRows.read(data.table(), columns.time(), columns.event(), candidates);
        int[] group = new int[rows.count()];
        int groups = 1;
        if (columns.group() != null) {
            String key = columns.groupKey(formula);
            List<String> levels = spec.levels().of(key);
            int[] codes = ModelFrame.levelCodes(data.table(), columns.group(), levels, key, candidates);
            for (int i = 0; i < group.length; i++) {
                group[i] = codes[rows.rows()[i]];
            }
            groups = levels.size();
        }
        Grouped g = new Grouped(rows, group, groups);
        state.put(ROWS, g);
        double[] distinct = TimeGrid.distinct(rows.time());
        // The site's risk set at each of its times: per group the rows at or after it; a time
        // shared by groups leaves when any of them may release it (the largest).
        double[] atRisk = new double[distinct.length];
        for (int k = 0; k < groups; k++) {
            double[] groupTimes = timesOf(g, k);
            Arrays.sort(groupTimes);
            for (int j = 0; j < distinct.length; j++) {
                int first = Arrays.binarySearch(groupTimes, distinct[j]);
                if (first < 0) {
                    continue;
                }
                while (first > 0 && groupTimes[first - 1] == distinct[j]) {
                    first--;
                }
                atRisk[j] = Math.max(atRisk[j], groupTimes.length - first);
            }
        }
        List<String> labels = Arrays.stream(distinct).mapToObj(TimeGrid::label).toList();
        Disclosure d = facts(schema, rows).withRiskSets(RiskSets.ofLabels(KmSteps.TIMES, atRisk));
        return new Contribution(Payload.builder().put(KmSteps.TIMES, labels)
                .put(KmSteps.TIME_STEP, rows.timeStep()).build(), d);
    }

    private static double[] timesOf(Grouped g, int group) {
        double[] t = g.rows().time();
        return IntStream.range(0, t.length).filter(i -> g.group()[i] == group)
                .mapToDouble(i -> t[i]).toArray();
    }

    /**
     * Each row's event or censoring at its time on the grid. A time the grid lacks is one this
     * site's gate withheld (its risk set there was below the site's minimum): the row is counted
     * as censored at the grid time before it, inside the tail the gate cuts again in this round.
     */
    private Contribution counts(Request request, SiteState state) {
        Grouped g = state.get(ROWS, Grouped.class);
        double[] grid = request.parameters().number(KmSteps.GRID);
        int times = grid.length;
        double[] events = new double[g.groups() * times];
        double[] censored = new double[events.length];
        boolean[] exact = new boolean[g.rows().count()];
        double[] offGrid = new double[events.length];
        int[] at = TimeGrid.place(grid, g.rows().time(), exact);
        for (int i = 0; i < at.length; i++) {
            int cell = g.group()[i] * times + Math.max(0, at[i]);
            if (exact[i] && g.rows().event()[i]) {
                events[cell]++;
            } else {
                censored[cell]++;
            }
            if (!exact[i]) {
                offGrid[cell]++;
            }
        }
        Disclosure d = facts(FrameRound.kept(state), g.rows())
                .withRiskSets(RiskSets.ofCounts(KmSteps.EVENTS, KmSteps.CENSORED, KmSteps.CENSORED_AT, offGrid));
        return new Contribution(Payload.builder().put(KmSteps.EVENTS, events).put(KmSteps.CENSORED, censored)
                .put(KmSteps.CENSORED_AT, new double[events.length]).build(), d);
    }

    private static Disclosure facts(Disclosure schema, SurvivalRows rows) {
        return Disclosure.of(rows.count(), 0).withFactorLevels(schema.factorLevels()).withRowsUsed(rows.rowSet());
    }

    private static Contribution eventTimes(Contribution c) {
        return c.withDisclosure(c.disclosure().withEventTimes());
    }
}
