package org.medfed.methods.describe;

/**
 * Binned counts of one numeric column on breaks every site used (R's {@code hist(x)$breaks} and
 * {@code $counts} when the range is exact). Bins are right-closed, the first closed on both
 * sides. A bin a site suppressed (a count between 1 and its minimum cell count, policy
 * {@code small_cells: suppress}) contributes 0 to {@code counts} and 1 to {@code suppressed}.
 *
 * @param breaks          the K + 1 break points, ascending
 * @param counts          rows in each of the K bins, summed over sites
 * @param suppressed      how many sites suppressed each bin
 * @param below           rows below the first break (0 whenever {@code exactRange})
 * @param above           rows above the last break (0 whenever {@code exactRange})
 * @param suppressedBelow how many sites suppressed their count below the first break
 * @param suppressedAbove how many sites suppressed their count above the last break
 * @param exactRange      whether the breaks span the column's true minimum and maximum (released
 *                        by every site); otherwise they span the mean ± 3 sd, and rows outside are
 *                        counted in {@code below} and {@code above}
 */
public record Histogram(double[] breaks, double[] counts, double[] suppressed, double below, double above,
                        double suppressedBelow, double suppressedAbove, boolean exactRange) {

    public Histogram {
        breaks = breaks.clone();
        counts = counts.clone();
        suppressed = suppressed.clone();
        if (breaks.length != counts.length + 1 || suppressed.length != counts.length) {
            throw new IllegalArgumentException("a histogram needs one more break than counts");
        }
    }

    @Override
    public double[] breaks() {
        return breaks.clone();
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    @Override
    public double[] suppressed() {
        return suppressed.clone();
    }

    /** The rows counted in bins and outside them (less than n where cells were suppressed). */
    public double total() {
        double t = below + above;
        for (double c : counts) {
            t += c;
        }
        return t;
    }

    /** Whether any site suppressed any cell. */
    public boolean anySuppressed() {
        double s = suppressedBelow + suppressedAbove;
        for (double x : suppressed) {
            s += x;
        }
        return s > 0;
    }
}
