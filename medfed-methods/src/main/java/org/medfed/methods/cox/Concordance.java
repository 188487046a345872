package org.medfed.methods.cox;

import java.util.Arrays;

/**
 * Harrell's concordance of a Cox model's linear predictor as survival's {@code concordancefit}
 * computes it for {@code coxph} (time weight "n", reverse = TRUE, within strata): over pairs of an
 * event and a row still at risk after it (a row censored at the event's time counts as later), a
 * pair is concordant when the event has the higher risk score, discordant when lower, tied on x
 * when equal; events at the same time are tied on y (and on x and y when their scores are equal)
 * and not compared. The variance is survival's infinitesimal-jackknife one: each row's pair counts
 * (concordant, discordant, tied on x, as either member of a pair) give its dfbeta for Somers' d,
 * {@code (D_r − d·T_r)/N} with {@code D_r} its concordant minus discordant and {@code T_r} all its
 * comparable pairs, and var(C) = Σ dfbeta²/4. That sum expands into Σ D_r², Σ D_r T_r and Σ T_r²,
 * which are sums over rows: so a site whose rows form whole strata (stratified by site) releases
 * those three sums and the five counts, and the hub gets the exact pooled value.
 */
final class Concordance {
    private Concordance() {
    }

    /** The counts and influence sums of some whole strata; all are sums over strata. */
    record Counts(double concordant, double discordant, double tiedX, double tiedY, double tiedXY,
                  double sumDD, double sumDT, double sumTT) {

        static final int LENGTH = 8;

        double[] toArray() {
            return new double[] {concordant, discordant, tiedX, tiedY, tiedXY, sumDD, sumDT, sumTT};
        }

        static Counts of(double[] a) {
            return new Counts(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        }

        CoxConcordance result() {
            return new CoxConcordance(concordance(), stdError(), concordant, discordant, tiedX, tiedY, tiedXY, 0, 0);
        }

        double pairs() {
            return concordant + discordant + tiedX;
        }

        /** C = (concordant + tied.x/2) / (concordant + discordant + tied.x). */
        double concordance() {
            return (concordant + tiedX / 2) / pairs();
        }

        /** survival's std: √(Σ dfbeta²)/2 with dfbeta_r = (D_r − d T_r)/N, d Somers' d. */
        double stdError() {
            double n = pairs();
            double d = (concordant - discordant) / n;
            double sum = (sumDD - 2 * d * sumDT + d * d * sumTT) / (n * n);
            return Math.sqrt(Math.max(sum, 0)) / 2;
        }
    }

    /** The counts over every stratum of these rows. */
    static Counts of(double[] time, boolean[] event, int[] stratum, int strata, double[] lp) {
        double[] total = new double[Counts.LENGTH];
        // The rows of each stratum, found in one pass (counting sort), so many strata cost no more.
        int[] start = new int[strata + 1];
        for (int st : stratum) {
            start[st + 1]++;
        }
        for (int s = 0; s < strata; s++) {
            start[s + 1] += start[s];
        }
        int[] byStratum = new int[stratum.length];
        int[] next = Arrays.copyOf(start, strata);
        for (int i = 0; i < stratum.length; i++) {
            byStratum[next[stratum[i]]++] = i;
        }
        for (int s = 0; s < strata; s++) {
            int[] rows = Arrays.copyOfRange(byStratum, start[s], start[s + 1]);
            double[] c = stratum(rows, time, event, lp);
            for (int k = 0; k < total.length; k++) {
                total[k] += c[k];
            }
        }
        return Counts.of(total);
    }

    /** One stratum, walking time backwards with Fenwick trees over the ranks of the scores. */
    private static double[] stratum(int[] rows, double[] time, boolean[] event, double[] lp) {
        int m = rows.length;
        double[] out = new double[Counts.LENGTH];
        if (m == 0) {
            return out;
        }
        double[] scores = new double[m];
        for (int k = 0; k < m; k++) {
            scores[k] = lp[rows[k]];
        }
        double[] distinct = Arrays.stream(scores).sorted().distinct().toArray();
        int[] rank = new int[m];
        for (int k = 0; k < m; k++) {
            rank[k] = Arrays.binarySearch(distinct, scores[k]);
        }
        // Reverse time; at equal times censored rows first (they are at risk at that time), then by score.
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(time[rows[b]], time[rows[a]]);
            if (c != 0) {
                return c;
            }
            c = Boolean.compare(event[rows[a]], event[rows[b]]);
            return c != 0 ? c : Integer.compare(rank[a], rank[b]);
        });
        Fenwick all = new Fenwick(distinct.length);
        Fenwick deaths = new Fenwick(distinct.length);
        double[] conc = new double[m];
        double[] disc = new double[m];
        double[] tied = new double[m];
        for (int i = 0; i < m;) {
            int a = order[i];
            if (!event[rows[a]]) {
                // Events inserted later (earlier times) will be compared with this row: subtract what is there now.
                conc[a] -= deaths.greater(rank[a]);
                disc[a] -= deaths.less(rank[a]);
                tied[a] -= deaths.equal(rank[a]);
                all.add(rank[a]);
                i++;
                continue;
            }
            int j = i;
            double t = time[rows[a]];
            while (j < m && event[rows[order[j]]] && time[rows[order[j]]] == t) {
                j++;
            }
            for (int k = i; k < j; k++) {
                int e = order[k];
                double less = all.less(rank[e]);
                double greater = all.greater(rank[e]);
                double equal = all.equal(rank[e]);
                out[0] += less;
                out[1] += greater;
                out[2] += equal;
                conc[e] += less;
                disc[e] += greater;
                tied[e] += equal;
            }
            int d = j - i;
            double tiedXY = 0;
            for (int k = i; k < j;) {
                int g = k;
                while (g < j && rank[order[g]] == rank[order[k]]) {
                    g++;
                }
                tiedXY += (double) (g - k) * (g - k - 1) / 2;
                k = g;
            }
            out[3] += (double) d * (d - 1) / 2 - tiedXY;
            out[4] += tiedXY;
            for (int k = i; k < j; k++) {
                deaths.add(rank[order[k]]);
            }
            for (int k = i; k < j; k++) {
                int e = order[k];
                conc[e] -= deaths.greater(rank[e]);
                disc[e] -= deaths.less(rank[e]);
                tied[e] -= deaths.equal(rank[e]);
                all.add(rank[e]);
            }
            i = j;
        }
        for (int k = 0; k < m; k++) {
            conc[k] += deaths.greater(rank[k]);
            disc[k] += deaths.less(rank[k]);
            tied[k] += deaths.equal(rank[k]);
            double dk = conc[k] - disc[k];
            double tk = conc[k] + disc[k] + tied[k];
            out[5] += dk * dk;
            out[6] += dk * tk;
            out[7] += tk * tk;
        }
        return out;
    }

    /** Counts by rank: how many inserted values are below, above or at a rank. */
    private static final class Fenwick {
        private final long[] tree;
        private final long[] at;
        private long total;

        Fenwick(int size) {
            tree = new long[size + 1];
            at = new long[size];
        }

        void add(int rank) {
            at[rank]++;
            total++;
            for (int i = rank + 1; i < tree.length; i += i & -i) {
                tree[i]++;
            }
        }

        /** Inserted values with rank below {@code rank}. */
        double less(int rank) {
            long s = 0;
            for (int i = rank; i > 0; i -= i & -i) {
                s += tree[i];
            }
            return s;
        }

        double equal(int rank) {
            return at[rank];
        }

        double greater(int rank) {
            return total - less(rank) - at[rank];
        }
    }
}
