package org.medfed.methods.cox;

/**
 * Harrell's C for the pooled-baseline design, where an event at one site is compared with rows
 * still at risk at other sites, so exact pair counts would need every site's risk scores at every
 * event time. Instead each site releases, per time of the shared grid, a histogram of its rows'
 * risk scores over {@code bins} fixed bins — the rows leaving the risk set at that time, and the
 * events at it — and the hub counts pairs between bins. Pairs of an event and a comparator in
 * different bins are classified exactly; pairs in the same bin (which include every pair tied on
 * the score) are counted as ties (½), so the estimate is within half the share of same-bin pairs
 * of the exact C: |C − Ĉ| ≤ A / (2N), with A the same-bin pairs and N the comparable pairs (exact).
 * Bins are uniform on u = 1 / (1 + exp(−lp / s)), s the standard deviation of the linear predictor
 * over the rows at risk at the first event time (from the sums of the first Newton round), so
 * that they are finest where most scores lie and no extreme value needs to be released.
 */
final class BinnedConcordance {
    private BinnedConcordance() {
    }

    /**
     * The bins for a grid of {@code grid} times: a power of two, at most 4096, with grid × bins ≤
     * 2^18, so that the round's two histograms stay under the deployed runtime's 16 MiB message
     * limit once masked for secure aggregation (16 bytes a number).
     */
    static int bins(int grid) {
        int b = 4096;
        while (b > 16 && (long) b * grid > (1L << 18)) {
            b >>= 1;
        }
        return b;
    }

    static int bin(double lp, double scale, int bins) {
        double u = 1 / (1 + Math.exp(-lp / scale));
        int b = (int) Math.floor(u * bins);
        return Math.max(0, Math.min(bins - 1, b));
    }

    /** A site's histograms: rows per (slot, bin) and events per (grid time, bin), row-major. */
    static double[][] histograms(int[] slot, boolean[] event, double[] lp, double scale, int grid, int bins) {
        double[] rows = new double[grid * bins];
        double[] events = new double[grid * bins];
        for (int i = 0; i < slot.length; i++) {
            if (slot[i] < 0) {
                continue;
            }
            int b = bin(lp[i], scale, bins);
            rows[slot[i] * bins + b]++;
            if (event[i]) {
                events[slot[i] * bins + b]++;
            }
        }
        return new double[][] {rows, events};
    }

    /** The estimate and its bound from the pooled histograms. */
    record Estimate(double concordance, double errorBound, double comparablePairs, double sameBinPairs,
                    double concordantSure, double discordantSure, double tiedOnTime, int bins) {
    }

    static Estimate estimate(int[] start, double[] rows, double[] events, int bins) {
        double concordant = 0;
        double discordant = 0;
        double same = 0;
        double tiedTime = 0;
        double[] risk = new double[bins];
        for (int s = 0; s + 1 < start.length; s++) {
            java.util.Arrays.fill(risk, 0);
            for (int k = start[s + 1] - 1; k >= start[s]; k--) {
                double d = 0;
                for (int b = 0; b < bins; b++) {
                    risk[b] += rows[k * bins + b];
                    d += events[k * bins + b];
                }
                tiedTime += d * (d - 1) / 2;
                // comparators of the events at this time: the risk set without those events
                double below = 0;
                double total = 0;
                for (int b = 0; b < bins; b++) {
                    total += risk[b] - events[k * bins + b];
                }
                for (int b = 0; b < bins; b++) {
                    double e = events[k * bins + b];
                    double here = risk[b] - e;
                    if (e > 0) {
                        concordant += e * below;
                        discordant += e * (total - below - here);
                        same += e * here;
                    }
                    below += here;
                }
            }
        }
        double n = concordant + discordant + same;
        double c = (concordant + same / 2) / n;
        return new Estimate(c, same / (2 * n), n, same, concordant, discordant, tiedTime, bins);
    }
}
