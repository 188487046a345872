package org.medfed.methods.describe;

/** What the minimum-cell rule reads off released counts. */
final class Counts {
    private Counts() {
    }

    /**
     * The smallest non-zero count among {@code counts} (an empty cell identifies no one), or 0
     * when every count is zero.
     */
    static int smallestNonZero(Iterable<double[]> counts) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double[] c : counts) {
            for (double v : c) {
                if (v > 0 && v < smallest) {
                    smallest = v;
                }
            }
        }
        return smallest == Double.POSITIVE_INFINITY ? 0 : (int) Math.min(Integer.MAX_VALUE, smallest);
    }
}
