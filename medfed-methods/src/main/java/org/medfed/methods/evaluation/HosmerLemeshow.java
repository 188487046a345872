package org.medfed.methods.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.medfed.error.MedfedException;

/**
 * The hub's side of the Hosmer–Lemeshow test with risk groups cut at quantiles of the pooled
 * fitted probabilities, as R's {@code cut(p, quantile(p, seq(0, 1, length.out = g + 1), type = 7),
 * include.lowest = TRUE)}.
 *
 * <p><b>Why the groups can be found exactly without the quantiles' values.</b> The type-7 quantile
 * of probability k/g is q = x(j) + h·(x(j+1) − x(j)) with j = ⌊1 + (n − 1)k/g⌋ and 0 ≤ h < 1, so
 * x(j) ≤ q < x(j+1) whenever x(j) < x(j+1), and q = x(j) when they are equal. Either way the rows
 * with p ≤ q — the rows in groups 1..k — are exactly the rows with p ≤ x(j). Any threshold t with
 * count(p ≤ t) = count(p ≤ x(j)) therefore cuts the same groups as R. Such a t is found by bisection
 * on global counts: each break keeps an interval (lo, hi] with count(p ≤ lo) &lt; j ≤ count(p ≤ hi),
 * i.e. containing x(j), and halves it until count(p ≤ hi) = j (then hi lies in [x(j), x(j+1))),
 * or until lo and hi are adjacent doubles (then x(j) = hi and ties at x(j) run past j). The
 * threshold is hi. All breaks share one bisection tree: each round probes the distinct midpoints.
 * The break's value itself is known only to lie in (lo, hi], which the result states.
 *
 * <p>Then one round releases, per group, rows, events and the sum of fitted probabilities; the
 * statistic is Σ (O₁ − E₁)²/E₁ + (O₀ − E₀)²/E₀ on g − 2 degrees of freedom.
 */
public final class HosmerLemeshow {
    private final int groups;
    private final int[] order;
    private final double[] lo;
    private final double[] hi;
    private final long[] countLo;
    private final long[] countHi;
    private int bisectionRounds;

    /**
     * One group boundary: the order statistic x(j) it reproduces, the interval (lower, upper] that
     * holds x(j) (upper is the boundary used), and how many rows lie at or below upper.
     */
    public record Break(double probability, int orderStatistic, double lower, double upper, long rowsAtOrBelow) {
    }

    /** One risk group: rows with lower &lt; p ≤ upper (the first group includes 0). */
    public record Group(double lower, double upper, long n, double observed, double expected) {
        public double observedNonEvents() {
            return n - observed;
        }

        public double expectedNonEvents() {
            return n - expected;
        }
    }

    public record Result(double statistic, int df, double pValue, List<Group> groups, List<Break> breaks, int bisectionRounds) {
    }

    HosmerLemeshow(int groups, long rows) {
        this.groups = groups;
        int b = groups - 1;
        order = new int[b];
        lo = new double[b];
        hi = new double[b];
        countLo = new long[b];
        countHi = new long[b];
        double by = 1.0 / groups; // R's seq(0, 1, length.out = g + 1) is c(0, (1:(g-1)) * by, 1)
        for (int k = 0; k < b; k++) {
            order[k] = (int) Math.floor(1 + (rows - 1) * ((k + 1) * by));
            // Every fitted probability of a logistic model lies strictly between 0 and 1.
            lo[k] = 0;
            hi[k] = 1;
            countLo[k] = 0;
            countHi[k] = rows;
        }
    }

    private boolean resolved(int k) {
        return countHi[k] == order[k] || Math.nextUp(lo[k]) >= hi[k];
    }

    /** The next trial thresholds (distinct, increasing), or an empty array when every break is resolved. */
    double[] probes() {
        TreeSet<Double> mids = new TreeSet<>();
        for (int k = 0; k < order.length; k++) {
            if (!resolved(k)) {
                mids.add(lo[k] + (hi[k] - lo[k]) / 2);
            }
        }
        return mids.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Folds the global counts of rows with p at or below each probe. */
    void observe(double[] probes, double[] counts) {
        bisectionRounds++;
        for (int k = 0; k < order.length; k++) {
            if (resolved(k)) {
                continue;
            }
            double mid = lo[k] + (hi[k] - lo[k]) / 2;
            long c = Math.round(counts[Arrays.binarySearch(probes, mid)]);
            if (c >= order[k]) {
                hi[k] = mid;
                countHi[k] = c;
            } else {
                lo[k] = mid;
                countLo[k] = c;
            }
        }
    }

    /** The group boundaries t₁ &lt; … &lt; t_{g−1}: group k holds t_{k−1} &lt; p ≤ t_k. */
    double[] thresholds() {
        for (int k = 1; k < hi.length; k++) {
            if (hi[k] <= hi[k - 1]) {
                throw new MedfedException("Hosmer-Lemeshow: the " + groups + " groups' boundaries are not unique "
                        + "(the fitted probabilities have too many ties for " + groups + " groups: order statistics "
                        + order[k - 1] + " and " + order[k] + " are equal); use fewer groups (--hl-groups)");
            }
        }
        return hi.clone();
    }

    /** The test from the summed group rows, events and fitted sums. */
    Result finish(double[] n, double[] events, double[] fitted) {
        double[] t = thresholds();
        List<Group> out = new ArrayList<>();
        double statistic = 0;
        for (int k = 0; k < groups; k++) {
            double lower = k == 0 ? 0 : t[k - 1];
            double upper = k == groups - 1 ? 1 : t[k];
            Group grp = new Group(lower, upper, Math.round(n[k]), events[k], fitted[k]);
            out.add(grp);
            double o1 = grp.observed();
            double e1 = grp.expected();
            double o0 = grp.observedNonEvents();
            double e0 = grp.expectedNonEvents();
            statistic += (o1 - e1) * (o1 - e1) / e1 + (o0 - e0) * (o0 - e0) / e0;
        }
        int df = groups - 2;
        double p = ChiSquaredDistribution.of(df).survivalProbability(statistic);
        List<Break> breaks = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            breaks.add(new Break((k + 1) * (1.0 / groups), order[k], lo[k], hi[k], countHi[k]));
        }
        return new Result(statistic, df, p, List.copyOf(out), List.copyOf(breaks), bisectionRounds);
    }

    /** The group of {@code p} (0-based) for boundaries {@code thresholds}: the first k with p ≤ t_k, else the last. */
    static int group(double p, double[] thresholds) {
        int at = Arrays.binarySearch(thresholds, p);
        return at >= 0 ? at : -at - 1;
    }
}
