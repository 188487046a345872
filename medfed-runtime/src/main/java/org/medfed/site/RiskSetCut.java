package org.medfed.site;

import java.util.ArrayList;
import java.util.List;

/**
 * How a site's gate keeps its survival releases from showing a risk set smaller than its
 * {@code min_cell_count}: the site's follow-up of a group is cut where the group's risk set at the
 * site falls below the minimum. A risk set only shrinks with time, so the small ones are a tail.
 * <ul>
 *   <li><b>Time labels</b>: a time is released only where the site's risk set there (the largest
 *   over the groups with a row at that time) is at least the minimum.</li>
 *   <li><b>Counts on the time grid</b>: per group, at the first grid time where the site's risk set
 *   is below the minimum (and not zero), the rows still at risk are released as censored at the
 *   site's last time before it, the group's last time with a risk set at or above the minimum;
 *   nothing is released at later times. Every risk set the site's counts then imply is zero or at
 *   least the minimum. A group with fewer rows than the minimum in all has no such time: its rows
 *   are withheld altogether.</li>
 * </ul>
 * For the estimate this is administrative censoring: the rows at the site's tail leave the risk
 * set after the cut time instead of contributing their events and censorings beyond it, exactly as
 * if that site's follow-up had ended there (unbiased under independent censoring, less precise in
 * the tail). Risk sets at the cut time and before are exact.
 */
final class RiskSetCut {
    private RiskSetCut() {
    }

    /** Which labels may leave: those whose risk set is zero or at least {@code min}. */
    static boolean[] releasableLabels(double[] atRisk, int min) {
        boolean[] keep = new boolean[atRisk.length];
        for (int i = 0; i < atRisk.length; i++) {
            keep[i] = !small(atRisk[i], min);
        }
        return keep;
    }

    /** The smallest risk set below {@code min} in these counts (groups × times), or 0 if none. */
    static double smallestBelow(double[] events, double[] censored, int groups, int min) {
        int times = events.length / Math.max(1, groups);
        double smallest = 0;
        for (int g = 0; g < groups; g++) {
            double atRisk = 0;
            for (int k = times - 1; k >= 0; k--) {
                atRisk += events[g * times + k] + censored[g * times + k];
                if (small(atRisk, min) && (smallest == 0 || atRisk < smallest)) {
                    smallest = atRisk;
                }
            }
        }
        return smallest;
    }

    /** One group's cut: the grid index its tail is censored at (-1: withheld altogether), and how many rows moved. */
    record Cut(int group, int censoredAt, double rows) {
    }

    /**
     * Cuts every group's tail in place (events and censorings, groups × times row-major) and
     * marks the censoring time of each cut with 1 in {@code marks}; returns the cuts made.
     */
    static List<Cut> apply(double[] events, double[] censored, double[] marks, int groups, int min) {
        int times = events.length / Math.max(1, groups);
        List<Cut> cuts = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int base = g * times;
            double[] atRisk = new double[times + 1];
            for (int k = times - 1; k >= 0; k--) {
                atRisk[k] = atRisk[k + 1] + events[base + k] + censored[base + k];
            }
            int first = -1;
            for (int k = 0; k < times; k++) {
                if (small(atRisk[k], min)) {
                    first = k;
                    break;
                }
            }
            if (first < 0) {
                continue;
            }
            int last = -1;
            for (int k = first - 1; k >= 0; k--) {
                if (events[base + k] + censored[base + k] > 0) {
                    last = k;
                    break;
                }
            }
            double moved = atRisk[first];
            for (int k = first; k < times; k++) {
                events[base + k] = 0;
                censored[base + k] = 0;
            }
            if (last >= 0) {
                censored[base + last] += moved;
                marks[base + last] = 1;
            }
            cuts.add(new Cut(g, last, moved));
        }
        return cuts;
    }

    private static boolean small(double atRisk, int min) {
        return atRisk > 0 && atRisk < min;
    }
}
