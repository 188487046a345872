package org.medfed.methods.km;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.methods.survival.TimeCoarsening;
import org.medfed.methods.survival.TimeGrid;

/**
 * What the hub knows at the end of a Kaplan–Meier or log-rank job: the common time grid, and per
 * stratum and grid time the events and censorings summed over sites; besides, what each site did
 * to its times (coarsening, gate cuts), for the result's privacy block.
 *
 * @param strata     stratum names as R writes them ({@code sex=male}; {@code all} without a group)
 * @param grid       the grid times, ascending
 * @param events     events per stratum and grid time, summed over sites
 * @param censored   censorings per stratum and grid time, summed over sites
 * @param timeSteps  per site the step it rounded its times up to (0: exact)
 * @param censoredAt per site, 1 at each stratum × grid time where its gate censored the stratum's tail
 */
record PooledCounts(List<String> strata, double[] grid, double[][] events, double[][] censored,
                    Map<String, Double> timeSteps, Map<String, double[]> censoredAt) {

    PooledCounts {
        strata = List.copyOf(strata);
        timeSteps = new LinkedHashMap<>(timeSteps);
        censoredAt = new LinkedHashMap<>(censoredAt);
    }

    /** Rows at risk per stratum and grid time: the rows whose time is at or after it. */
    double[][] atRisk() {
        double[][] r = new double[strata.size()][grid.length];
        for (int g = 0; g < r.length; g++) {
            double n = 0;
            for (int k = grid.length - 1; k >= 0; k--) {
                n += events[g][k] + censored[g][k];
                r[g][k] = n;
            }
        }
        return r;
    }

    /** One line per site gate cut: which site censored which stratum from which time. */
    List<String> cuts() {
        List<String> lines = new ArrayList<>();
        censoredAt.forEach((site, marks) -> {
            for (int g = 0; g < strata.size(); g++) {
                for (int k = 0; k < grid.length; k++) {
                    if (marks[g * grid.length + k] > 0) {
                        lines.add("site " + site + ": " + strata.get(g) + " follow-up censored at time "
                                + TimeGrid.format(grid[k]) + " (its risk set fell below the site's min_cell_count after it)");
                    }
                }
            }
        });
        return lines;
    }

    /** Lines saying which sites coarsened their times. */
    List<String> coarsening(String timeColumn) {
        return new TimeCoarsening(timeColumn, timeSteps).notes();
    }

    /** The result's notes: which sites coarsened their times, then each gate cut. */
    List<String> notes(String timeColumn) {
        List<String> lines = new ArrayList<>(coarsening(timeColumn));
        lines.addAll(cuts());
        return lines;
    }

    /**
     * The method's part of the privacy block: what the time round reveals, coarsening and gate
     * cuts. The runtime adds its own fields to the same object.
     */
    void writePrivacy(ObjectNode root, String timeColumn) {
        ObjectNode privacy = root.putObject("privacy");
        privacy.put("reveals", "the union of all sites' distinct event and censoring times of " + timeColumn
                + " (not which site holds which time); per stratum and time only the event and censoring counts "
                + "summed over sites");
        new TimeCoarsening(timeColumn, timeSteps).writeTo(privacy);
        ArrayNode cut = privacy.putArray("risk_set_cuts");
        censoredAt.forEach((site, marks) -> {
            for (int g = 0; g < strata.size(); g++) {
                for (int k = 0; k < grid.length; k++) {
                    if (marks[g * grid.length + k] > 0) {
                        cut.addObject().put("site", site).put("stratum", strata.get(g)).put("censored_at", grid[k]);
                    }
                }
            }
        });
        ArrayNode notes = privacy.putArray("notes");
        notes(timeColumn).forEach(notes::add);
    }
}
