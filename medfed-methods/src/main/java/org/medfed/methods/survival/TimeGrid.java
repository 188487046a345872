package org.medfed.methods.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.medfed.error.MedfedException;

/**
 * The common time axis of a federated survival analysis: each site releases its distinct times
 * as labels (a set union, so the hub learns every time but not which site holds it), the hub
 * sorts their union into the grid, and every site then places its rows on it. A label is the
 * time's shortest decimal text that reads back as the same double, so equal times at different
 * sites give equal labels.
 */
public final class TimeGrid {
    private TimeGrid() {
    }

    /** A time as R prints it: whole times without a decimal point (7, not 7.0). */
    public static String format(double time) {
        return time == Math.rint(time) && Math.abs(time) < 1e15 ? String.valueOf((long) time) : String.valueOf(time);
    }

    /** The label of a time. */
    public static String label(double time) {
        return Double.toString(time == 0 ? 0.0 : time);
    }

    /** The grid: the released labels as times, ascending; a label that is not a number names the quantity. */
    public static double[] parse(Collection<String> labels, String quantity) {
        double[] grid = new double[labels.size()];
        int i = 0;
        for (String l : labels) {
            try {
                grid[i++] = Double.parseDouble(l);
            } catch (NumberFormatException e) {
                throw new MedfedException("a site released '" + l + "' in " + quantity + ", which is not a time");
            }
        }
        Arrays.sort(grid);
        return grid;
    }

    /**
     * For each time, the index of the largest grid time at or before it (-1 when it is before
     * the first), and in {@code exact} whether it is that grid time itself.
     */
    public static int[] place(double[] grid, double[] times, boolean[] exact) {
        int[] at = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            int k = Arrays.binarySearch(grid, times[i]);
            if (k >= 0) {
                at[i] = k;
                exact[i] = true;
            } else {
                at[i] = -k - 2;
                exact[i] = false;
            }
        }
        return at;
    }

    /** The distinct values of {@code times}, ascending. */
    public static double[] distinct(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                out.add(sorted[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
