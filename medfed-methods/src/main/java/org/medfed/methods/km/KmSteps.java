package org.medfed.methods.km;

import java.util.List;
import org.medfed.method.Quantity;

/**
 * The rounds of a Kaplan–Meier or log-rank job after the schema round, and what a site may
 * release in them. Shared by both halves.
 */
final class KmSteps {
    /** Round 2: the sites' distinct times. */
    static final String TIMES = "times";
    /** The step each site coarsened its time column to (0: none), PER_SITE. */
    static final String TIME_STEP = "time_step";
    /** Round 3: counts on the hub's grid. */
    static final String COUNTS = "counts";
    /** The hub's grid, sent with the counts request. */
    static final String GRID = "grid";
    static final String EVENTS = "events";
    static final String CENSORED = "censored";
    /** 1 where a site's gate censored a group's tail (PER_SITE, so the result can say which site). */
    static final String CENSORED_AT = "censored_at";

    private KmSteps() {
    }

    static List<Quantity> timeReleases() {
        return List.of(Quantity.union(TIMES, "distinct follow-up times (event or censoring) among the site's rows"),
                Quantity.perSite(TIME_STEP, "the step the site rounds its times up to (0: exact times)", 1));
    }

    static List<Quantity> countReleases(int groups, int times) {
        return List.of(Quantity.sum(EVENTS, "number of events per group and time of the common grid", groups, times),
                Quantity.sum(CENSORED, "number of censorings per group and time of the common grid", groups, times),
                Quantity.perSite(CENSORED_AT, "1 where the site's gate censored a group's follow-up (its risk set "
                        + "fell below its minimum after that time)", groups, times));
    }
}
