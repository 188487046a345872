package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.medfed.error.MedfedException;

/**
 * The hub's search for some order statistics x₍k₎ of one numeric column, from global counts
 * C(t) = number of values ≤ t only. x₍k₎ is the smallest t with C(t) ≥ k, so a bracket (L, H] of
 * grid thresholds with C(L) < k ≤ C(H) contains it; each round asks the sites for C at up to
 * {@value #SPLITS} − 1 thresholds inside every open bracket, and a bracket one grid step wide is
 * resolved: x₍k₎ is H, or at most one step below it.
 *
 * <p>The first brackets need no released count: by Cantelli's inequality at most
 * n·σ²/(σ² + a²) values lie at or below μ − a (σ² the variance with denominator n), so
 * a = σ·√(n/k − 1) puts fewer than k there; symmetrically above. Known extremes, or clipping
 * bounds, narrow them further. Thresholds are placed so as to stay out of the sparse tails,
 * where a site's outermost cell would be small and its gate would refuse (see
 * {@link #nextThresholds()}).
 */
final class OrderStatisticSearch {
    static final int SPLITS = 16;

    private final SearchGrid grid;
    private final long n;
    private final double mean;
    private final double sd;
    private final double populationSd;
    private final long lowest;
    private final long highest;
    private final SortedSet<Long> targets = new TreeSet<>();
    /** Every threshold released so far (grid index) and its global count. */
    private final TreeMap<Long, Long> counts = new TreeMap<>();
    /** How many rounds each order statistic has been searched for beyond a one-sided bracket. */
    private final Map<Long, Integer> outward = new HashMap<>();

    /**
     * @param low  a value no data value is below (a known minimum or clipping bound), or -Inf
     * @param high a value no data value is above, or +Inf
     */
    OrderStatisticSearch(SearchGrid grid, long n, double mean, double sumSqDev, double low, double high, List<Long> ks) {
        this.grid = grid;
        this.n = n;
        this.mean = mean;
        this.sd = Math.sqrt(sumSqDev / (n - 1));
        this.populationSd = Math.sqrt(sumSqDev / n);
        this.lowest = Double.isFinite(low) ? grid.floor(low) - 1 : Long.MIN_VALUE;
        this.highest = Double.isFinite(high) ? grid.ceiling(high) : Long.MAX_VALUE;
        for (long k : ks) {
            if (k < 1 || k > n) {
                throw new IllegalArgumentException("order statistic " + k + " of " + n + " values");
            }
            targets.add(k);
        }
    }

    /** A bracket (lo, hi] of grid indices around x₍k₎. */
    private record Bracket(long lo, long hi) {
        boolean resolved() {
            return hi - lo <= 1;
        }
    }

    private Bracket bracket(long k) {
        // Cantelli: count(x <= mean - a) <= n s^2/(s^2 + a^2) < k; the margins absorb rounding.
        double a = populationSd * Math.sqrt((double) n / k - 1) * (1 + 1e-9) + 1e-12 * Math.abs(mean);
        double b = populationSd * Math.sqrt((double) n / (n - k + 1) - 1) * (1 + 1e-9) + 1e-12 * Math.abs(mean);
        long lo = Math.max(lowest, grid.floor(mean - a) - 1);
        long hi = Math.min(highest, grid.ceiling(mean + b) + 1);
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            if (e.getValue() < k) {
                lo = Math.max(lo, e.getKey());
            } else {
                hi = Math.min(hi, e.getKey());
            }
        }
        if (lo >= hi) {
            throw new MedfedException("summary: the sites' counts at the quantile thresholds are not consistent "
                    + "(count below " + grid.value(lo) + " reaches order statistic " + k + "); were they noised?");
        }
        return new Bracket(lo, hi);
    }

    boolean done() {
        for (long k : targets) {
            if (!bracket(k).resolved()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The grid indices to ask about next, ascending (empty when every order statistic is resolved).
     * Thresholds stay near the order statistics: the first round asks only where a normal
     * distribution would put them; a bracket whose outer end no count has confirmed (a Cantelli
     * bound) is extended from its released end by steps sized from the count still missing,
     * overshooting at most twofold; only a bracket released at both ends is split evenly. So the
     * outermost thresholds, which set each site's tail cells, reach no further than needed.
     */
    long[] nextThresholds() {
        SortedSet<Long> ask = new TreeSet<>();
        NormalDistribution normal = NormalDistribution.of(0, 1);
        for (long k : targets) {
            Bracket br = bracket(k);
            if (br.resolved()) {
                continue;
            }
            boolean loKnown = counts.containsKey(br.lo()) || br.lo() == lowest;
            boolean hiKnown = counts.containsKey(br.hi()) || br.hi() == highest;
            List<Long> inside = new ArrayList<>();
            if (counts.isEmpty() && sd > 0) {
                double t = mean + sd * normal.inverseCumulativeProbability((k - 0.5) / n);
                inside.add(Math.round(t / grid.stepValue()));
            } else if (loKnown != hiKnown && sd > 0) {
                // One released end: step outward by the rows still missing over the density a normal
                // model expects there (at least one grid step), at 1/2, 1, 3/2 and 2 times that.
                long from = loKnown ? br.lo() : br.hi();
                // A known bound that no count was asked at: no value lies below the lower, all at or below the upper.
                long have = counts.containsKey(from) ? counts.get(from) : loKnown ? 0 : n;
                double missing = loKnown ? k - have : have - k + 1;
                double t = grid.value(from);
                double density = n * Math.exp(-0.5 * Math.pow((t - mean) / sd, 2)) / (sd * Math.sqrt(2 * Math.PI));
                // Where the model's density is too high (a discrete or skewed column), each further
                // one-sided round for this order statistic steps four times as far.
                int tries = outward.merge(k, 1, Integer::sum) - 1;
                double distance = Math.max(grid.stepValue(), missing / Math.max(density, 1e-300)) * Math.pow(4, tries);
                for (double f : new double[] {0.5, 1, 1.5, 2}) {
                    double step = Math.min(distance * f / grid.stepValue(), (double) (br.hi() - br.lo() - 1));
                    inside.add(from + (loKnown ? 1 : -1) * Math.max(1, Math.round(step)));
                }
            }
            inside.removeIf(i -> i <= br.lo() || i >= br.hi());
            if (inside.isEmpty()) {
                long width = br.hi() - br.lo();
                for (int s = 1; s < SPLITS; s++) {
                    long i = br.lo() + Math.round((double) width * s / SPLITS);
                    if (i > br.lo() && i < br.hi()) {
                        inside.add(i);
                    }
                }
            }
            ask.addAll(inside);
        }
        return ask.stream().mapToLong(Long::longValue).toArray();
    }

    /** Each order statistic found is at most this much above the exact value (one grid step). */
    double precision() {
        return grid.stepValue();
    }

    /** The thresholds of {@code indices} as values, in the same order. */
    double[] values(long[] indices) {
        double[] v = new double[indices.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = grid.value(indices[i]);
        }
        return v;
    }

    /** Records the global counts of values at or below each threshold asked about. */
    void record(long[] indices, double[] globalCounts) {
        for (int i = 0; i < indices.length; i++) {
            counts.put(indices[i], Math.round(globalCounts[i]));
        }
    }

    /** x₍k₎, or the grid point at most one step above it once the search is done. */
    double value(long k) {
        Bracket br = bracket(k);
        if (!br.resolved()) {
            throw new IllegalStateException("order statistic " + k + " is not resolved");
        }
        return grid.value(br.hi());
    }
}
