package org.medfed.methods.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one site's count releases in an evaluation have revealed so far, kept in site state so that
 * the minimum-cell rule judges what a release reveals together with the job's earlier releases.
 *
 * <p>Every count an evaluation releases is a count of rows whose fitted probability lies in a
 * region of [0, 1] cut at some points: the histograms cut at every bin edge, per outcome class;
 * the bisection releases the number of rows at or below a trial threshold (all classes
 * together); the risk-group round releases events per group, per class again. A count at or
 * below a threshold is large by itself, but subtracting the count at the previous threshold
 * gives the rows between the two — and bisection drives exactly that difference down. So the
 * cells that matter are those of the partition of [0, 1] by every cut released so far, and a
 * release newly reveals the cells that its new cuts split off. {@link #smallestNewCell} is the
 * smallest non-zero count among those: the value a contribution declares to its release gate.
 * Two partitions are kept: one whose cells' counts are known per class (histogram edges and group
 * boundaries) and one whose cells' counts are known in total (the former plus the bisection's
 * thresholds). A cut that falls on an existing cut, or at the top of a cell, splits nothing.
 */
final class ReleasedCuts {
    /** Histogram bins on [0, 1] (0 before the histograms left). */
    private int grid;
    /** Sorted "at or below t" cuts whose cells' counts are known per class (besides the grid). */
    private double[] classCuts = new double[0];
    /** Sorted cuts whose cells' counts are known in total; a superset of {@link #classCuts}. */
    private double[] totalCuts = new double[0];

    /**
     * The histograms leave ({@code cases} and {@code controls}, one count per bin): every non-empty
     * bin of either class is a new cell, so the smallest is the smallest non-zero bin count.
     */
    int releaseHistograms(double[] cases, double[] controls) {
        if (grid != 0) {
            throw new IllegalStateException("histograms released twice in one job");
        }
        grid = cases.length;
        double smallest = Double.POSITIVE_INFINITY;
        for (double[] h : new double[][] {cases, controls}) {
            for (double v : h) {
                if (v > 0 && v < smallest) {
                    smallest = v;
                }
            }
        }
        return smallest == Double.POSITIVE_INFINITY ? 0 : (int) smallest;
    }

    /** Counts at or below {@code thresholds} (all classes together) leave. */
    int releaseTotals(Scores scores, double[] thresholds) {
        double[] next = merge(totalCuts, thresholds);
        int smallest = smallestNewCell(scores, grid, totalCuts, next, false);
        totalCuts = next;
        return smallest;
    }

    /** Counts per class at or below {@code thresholds} leave. */
    int releaseClassCounts(Scores scores, double[] thresholds) {
        double[] next = merge(classCuts, thresholds);
        int smallest = smallestNewCell(scores, grid, classCuts, next, true);
        classCuts = next;
        totalCuts = merge(totalCuts, thresholds);
        return smallest;
    }

    /**
     * The smallest non-zero count (per class, or in total) among the cells of the partition by the
     * grid and {@code newCuts} that lie in a cell of the partition by the grid and {@code oldCuts}
     * which a new cut splits; 0 when that reveals no non-empty cell (as for a table whose cells are
     * all empty).
     */
    private static int smallestNewCell(Scores scores, int grid, double[] oldCuts, double[] newCuts, boolean perClass) {
        Set<Long> split = new HashSet<>();
        for (double cut : newCuts) {
            if (splits(cut, grid, oldCuts)) {
                split.add(key(cut, grid, oldCuts));
            }
        }
        if (split.isEmpty()) {
            return 0;
        }
        Map<Long, long[]> counts = new HashMap<>();
        double[] f = scores.fitted();
        double[] y = scores.outcome();
        for (int i = 0; i < f.length; i++) {
            if (split.contains(key(f[i], grid, oldCuts))) {
                counts.computeIfAbsent(key(f[i], grid, newCuts), k -> new long[2])[perClass ? (int) y[i] : 0]++;
            }
        }
        long smallest = Long.MAX_VALUE;
        for (long[] c : counts.values()) {
            for (long v : c) {
                if (v > 0 && v < smallest) {
                    smallest = v;
                }
            }
        }
        return smallest == Long.MAX_VALUE ? 0 : (int) Math.min(Integer.MAX_VALUE, smallest);
    }

    /** Whether the cut "at or below {@code cut}" divides the old partition's cell that contains the point {@code cut}. */
    private static boolean splits(double cut, int grid, double[] cuts) {
        if (!(cut >= 0 && cut < 1)) {
            return false;
        }
        int at = Arrays.binarySearch(cuts, cut);
        if (at >= 0) {
            return false;
        }
        // The cell's top point: the next old cut, or the last double below the bin's upper edge.
        double top = 1;
        int above = -at - 1;
        if (above < cuts.length) {
            top = cuts[above];
        }
        if (grid > 0) {
            top = Math.min(top, Math.nextDown((Scores.bin(cut, grid) + 1) / (double) grid));
        }
        return cut < top;
    }

    /** The cell of point {@code p}: its grid bin and how many cuts lie strictly below it. */
    private static long key(double p, int grid, double[] cuts) {
        int bin = grid == 0 ? 0 : Scores.bin(p, grid);
        int at = Arrays.binarySearch(cuts, p);
        int rank = at >= 0 ? at : -at - 1;
        return (long) bin * (cuts.length + 1) + rank;
    }

    private static double[] merge(double[] a, double[] b) {
        return java.util.stream.DoubleStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
    }
}
