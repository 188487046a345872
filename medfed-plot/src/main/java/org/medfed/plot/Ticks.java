package org.medfed.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Where to put the labelled ticks of the forest plot's axis: "nice" numbers (1, 2, 2.5 or 5 times
 * a power of ten) on a linear axis; on a log axis the 1–2–5 sequence (0.2, 0.5, 1, 2, 5), thinned
 * to powers of ten over wide ranges, with 1.5, 3 and 7 added over short ones and linear steps over
 * the shortest, so that a reader sees four to ten round values whatever the range.
 */
final class Ticks {
    private Ticks() {
    }

    /** Nice ticks within {@code [lo, hi]}, about {@code target} of them. */
    static List<Double> linear(double lo, double hi, int target) {
        if (!(hi > lo)) {
            return List.of(lo);
        }
        double step = niceStep((hi - lo) / Math.max(1, target - 1));
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        for (long k = first; k <= last; k++) {
            double v = k * step;
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    /** Ticks within {@code [lo, hi]} ({@code 0 < lo < hi}) for a logarithmic axis. */
    static List<Double> log(double lo, double hi) {
        if (hi / lo < 4) {
            return linear(lo, hi, 5);
        }
        List<Double> oneTwoFive = decades(lo, hi, new double[] {1, 2, 5});
        if (oneTwoFive.size() < 4) {
            // e.g. 0.5 to 2: 0.5, 0.7, 1, 1.5, 2 reads better than 0.5, 1, 2.
            List<Double> denser = decades(lo, hi, new double[] {1, 1.5, 2, 3, 5, 7});
            return denser.size() <= 10 ? denser : oneTwoFive;
        }
        if (oneTwoFive.size() <= 10) {
            return oneTwoFive;
        }
        List<Double> tens = decades(lo, hi, new double[] {1});
        if (tens.size() <= 10) {
            return tens;
        }
        List<Double> thinned = new ArrayList<>();
        int every = (tens.size() + 8) / 9;
        for (int i = 0; i < tens.size(); i += every) {
            thinned.add(tens.get(i));
        }
        return thinned;
    }

    /**
     * {@code [lo, hi]} widened to the next tick outside each end, so that the axis ends on labelled
     * values; an end is left alone when reaching its tick would add more than a quarter of the span.
     */
    static double[] widenToTicks(double lo, double hi, boolean log) {
        if (log && hi / lo >= 4) {
            double span = Math.log(hi / lo);
            double down = lo;
            double up = hi;
            for (double v : decades(lo / 10, hi * 10, new double[] {1, 2, 5})) {
                if (v <= lo) {
                    down = v;
                }
                if (v >= hi && up == hi) {
                    up = v;
                }
            }
            return new double[] {Math.log(lo / down) <= span / 4 ? down : lo, Math.log(up / hi) <= span / 4 ? up : hi};
        }
        double step = niceStep((hi - lo) / 5);
        double down = Math.floor(lo / step + 1e-9) * step;
        double up = Math.ceil(hi / step - 1e-9) * step;
        double quarter = (hi - lo) / 4;
        return new double[] {lo - down <= quarter && (!log || down > 0) ? down : lo, up - hi <= quarter ? up : hi};
    }

    private static List<Double> decades(double lo, double hi, double[] mantissas) {
        List<Double> ticks = new ArrayList<>();
        int from = (int) Math.floor(Math.log10(lo)) - 1;
        int to = (int) Math.ceil(Math.log10(hi)) + 1;
        for (int e = from; e <= to; e++) {
            for (double m : mantissas) {
                // Parse the decimal text so that 0.1 and 0.2 are the doubles a reader would type.
                double v = Double.parseDouble(m + "e" + e);
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                    ticks.add(v);
                }
            }
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10;
        return nice * magnitude;
    }
}
