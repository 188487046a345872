package org.medfed.methods.describe;

import java.util.Arrays;

/**
 * Histogram breaks as R's {@code hist} chooses them: Sturges' number of classes
 * ({@code ceiling(log2(n) + 1)}) and {@code pretty(range, n = classes, min.n = 1)}, a port of R's
 * {@code R_pretty} (src/appl/pretty.c) with its default biases. Bins are right-closed with the
 * lowest bin closed on the left too (R's {@code right = TRUE, include.lowest = TRUE}), and the
 * edges carry R's fuzz (1e-7 of a bin width), so that values on a break fall where R puts them
 * despite rounding in the breaks.
 */
final class Breaks {
    private static final double HIGH_U_BIAS = 1.5;
    private static final double U5_BIAS = 0.5 + 1.5 * HIGH_U_BIAS;
    private static final double SHRINK_SML = 0.75;
    private static final double ROUNDING_EPS = 1e-10;
    private static final double F_MIN = 0x1p-20;

    private Breaks() {
    }

    /** R's {@code nclass.Sturges}: the number of classes for {@code n} values. */
    static int sturges(long n) {
        return (int) Math.ceil(Math.log(n) / Math.log(2) + 1);
    }

    /** R's {@code pretty(c(lo, hi), n = classes, min.n = 1)}. */
    static double[] pretty(double lo, double hi, int classes) {
        int minN = 1;
        double dx = hi - lo;
        double cell;
        boolean small;
        if (dx == 0 && hi == 0) {
            cell = 1;
            small = true;
        } else {
            cell = Math.max(Math.abs(lo), Math.abs(hi));
            double u = 1 + ((U5_BIAS >= 1.5 * HIGH_U_BIAS + 0.5) ? 1 / (1 + HIGH_U_BIAS) : 1.5 / (1 + U5_BIAS));
            u *= Math.max(1, classes) * Math.ulp(1.0);
            small = dx < cell * u * 3;
        }
        if (small) {
            if (cell > 10) {
                cell = 9 + cell / 10;
            }
            cell *= SHRINK_SML;
            if (minN > 1) {
                cell /= minN;
            }
        } else {
            cell = dx;
            if (classes > 1) {
                cell /= classes;
            }
        }
        double subsmall = F_MIN * Double.MIN_NORMAL;
        if (cell < subsmall) {
            cell = subsmall;
        } else if (cell > Double.MAX_VALUE / 1.25) {
            cell = Double.MAX_VALUE / 1.25;
        }
        double base = Math.pow(10.0, Math.floor(Math.log10(cell)));
        double unit = base;
        double ns;
        if ((ns = 2 * base) - cell < HIGH_U_BIAS * (cell - unit)) {
            unit = ns;
            if ((ns = 5 * base) - cell < U5_BIAS * (cell - unit)) {
                unit = ns;
                if ((ns = 10 * base) - cell < HIGH_U_BIAS * (cell - unit)) {
                    unit = ns;
                }
            }
        }
        double first = Math.floor(lo / unit + ROUNDING_EPS);
        double last = Math.ceil(hi / unit - ROUNDING_EPS);
        while (first * unit > lo + ROUNDING_EPS * unit) {
            first--;
        }
        while (last * unit < hi - ROUNDING_EPS * unit) {
            last++;
        }
        int k = (int) (0.5 + last - first);
        if (k < minN) {
            k = minN - k;
            if (lo == 0 && first == 0 && hi != 0) {
                last += k;
            } else if (hi == 0 && last == 0 && lo != 0) {
                first -= k;
            } else if (first >= 0) {
                last += k / 2;
                first -= k / 2 + k % 2;
            } else {
                first -= k / 2;
                last += k / 2 + k % 2;
            }
            k = minN;
        }
        // The bounds cover the range (return_bounds); pretty.default() then takes
        // seq.int(lo, up, length.out = k + 1) and zaps near-zeros.
        double from = Math.min(lo, first * unit);
        double to = Math.max(hi, last * unit);
        double[] breaks = new double[k + 1];
        double by = (to - from) / k;
        for (int i = 0; i <= k; i++) {
            breaks[i] = i == k ? to : from + i * by;
            if (Math.abs(breaks[i]) < 1e-14 * by) {
                breaks[i] = 0;
            }
        }
        return breaks;
    }

    /**
     * R's fuzzy bin edges for right-closed bins with the lowest bin closed on both sides: 1e-7 of
     * the median bin width with more than 5 breaks, of the data's range with 3 or fewer, of the
     * smallest positive width otherwise (hist.default's {@code diddle}).
     *
     * @param dataRange max − min of the values, where known; otherwise the breaks' span
     */
    static double[] fuzzyEdges(double[] breaks, double dataRange) {
        double[] widths = new double[breaks.length - 1];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = breaks[i + 1] - breaks[i];
        }
        Arrays.sort(widths);
        int m = widths.length;
        double scale;
        if (breaks.length > 5) {
            scale = m % 2 == 1 ? widths[m / 2] : (widths[m / 2 - 1] + widths[m / 2]) / 2;
        } else if (breaks.length <= 3) {
            scale = dataRange;
        } else {
            scale = Arrays.stream(widths).filter(w -> w > 0).min().orElse(0);
        }
        double fuzz = 1e-7 * scale;
        double[] edges = breaks.clone();
        edges[0] -= fuzz;
        for (int i = 1; i < edges.length; i++) {
            edges[i] += fuzz;
        }
        return edges;
    }

    /**
     * The cell of {@code x} among {@code edges} (R's {@code BinCount}): 0 below the first edge,
     * i for (edge[i-1], edge[i]] (the first bin also takes x = edge[0]), edges.length above.
     */
    static int cell(double[] edges, double x) {
        if (x < edges[0]) {
            return 0;
        }
        if (x > edges[edges.length - 1]) {
            return edges.length;
        }
        int lo = 0;
        int hi = edges.length - 1;
        while (hi - lo >= 2) {
            int mid = (hi + lo) >>> 1;
            if (x > edges[mid]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo + 1;
    }
}
