package org.medfed.methods.describe;

import org.apache.commons.statistics.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test on a table of whole-number counts, two-sided, as R's {@code fisher.test}.
 * A 2 × 2 table follows R's code line by line: the p-value from the hypergeometric distribution,
 * the conditional maximum-likelihood odds ratio and its exact confidence interval (roots of the
 * noncentral hypergeometric mean and tails, found with R's {@code uniroot}, {@link Zeroin}). An
 * r × c table is tested by enumerating every table with the observed margins (R uses the network
 * algorithm FEXACT, which gives the same sum): the p-value is the total probability of the tables
 * no more probable than the observed one (relative tolerance 1e-7, as R). Enumeration stops, with
 * {@link TooManyTables}, beyond {@link #MAX_TABLES} tables.
 */
final class FisherExact {
    /** The most tables an r × c test enumerates (about a second of work). */
    static final long MAX_TABLES = 20_000_000L;
    /** R's tolerance for tables "as probable as" the observed one. */
    private static final double RELATIVE_ERROR = 1 + 1e-7;
    private static final double EPS = Math.ulp(1.0);

    /** The test's answer; the odds ratio and its interval are NaN for tables larger than 2 × 2. */
    record Result(double pValue, double estimate, double confLow, double confHigh) {
    }

    /** The margins admit more tables than {@link #MAX_TABLES}. */
    static final class TooManyTables extends Exception {
        private static final long serialVersionUID = 1L;

        TooManyTables() {
            super(null, null, false, false);
        }
    }

    private FisherExact() {
    }

    static Result test(long[][] table, double confLevel) throws TooManyTables {
        if (table.length == 2 && table[0].length == 2) {
            return twoByTwo(table, confLevel);
        }
        return new Result(new Enumeration(table).pValue(), Double.NaN, Double.NaN, Double.NaN);
    }

    // ---- 2 x 2, as fisher.test ----

    private static Result twoByTwo(long[][] t, double confLevel) {
        int m = Math.toIntExact(t[0][0] + t[1][0]);
        int n = Math.toIntExact(t[0][1] + t[1][1]);
        int k = Math.toIntExact(t[0][0] + t[0][1]);
        int x = Math.toIntExact(t[0][0]);
        Noncentral h = new Noncentral(m, n, k, x);
        double[] d = h.density(1);
        double observed = d[x - h.lo] * RELATIVE_ERROR;
        double p = 0;
        for (double v : d) {
            if (v <= observed) {
                p += v;
            }
        }
        double alpha = (1 - confLevel) / 2;
        return new Result(p, h.mle(), h.lowerLimit(alpha), h.upperLimit(alpha));
    }

    /** fisher.test's noncentral hypergeometric helpers (dnhyper, mnhyper, pnhyper) for one 2 × 2 table. */
    private static final class Noncentral {
        private final int x;
        private final int lo;
        private final int hi;
        private final double[] logDensity;
        private final HypergeometricDistribution central;

        Noncentral(int m, int n, int k, int x) {
            this.x = x;
            this.lo = Math.max(0, k - n);
            this.hi = Math.min(k, m);
            this.central = HypergeometricDistribution.of(m + n, m, k);
            logDensity = new double[hi - lo + 1];
            for (int s = lo; s <= hi; s++) {
                logDensity[s - lo] = central.logProbability(s);
            }
        }

        double[] density(double ncp) {
            double[] d = new double[logDensity.length];
            double max = Double.NEGATIVE_INFINITY;
            double logNcp = Math.log(ncp);
            for (int i = 0; i < d.length; i++) {
                d[i] = logDensity[i] + logNcp * (lo + i);
                max = Math.max(max, d[i]);
            }
            double sum = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] = Math.exp(d[i] - max);
                sum += d[i];
            }
            for (int i = 0; i < d.length; i++) {
                d[i] /= sum;
            }
            return d;
        }

        double mean(double ncp) {
            if (ncp == 0) {
                return lo;
            }
            if (ncp == Double.POSITIVE_INFINITY) {
                return hi;
            }
            double[] d = density(ncp);
            double mu = 0;
            for (int i = 0; i < d.length; i++) {
                mu += (lo + i) * d[i];
            }
            return mu;
        }

        /** P(X ≤ x), or P(X ≥ x) for the upper tail, under odds ratio {@code ncp}. */
        double tail(double ncp, boolean upper) {
            if (ncp == 1) {
                return upper ? central.survivalProbability(x - 1) : central.cumulativeProbability(x);
            }
            if (ncp == 0) {
                return (upper ? x <= lo : x >= lo) ? 1 : 0;
            }
            if (ncp == Double.POSITIVE_INFINITY) {
                return (upper ? x <= hi : x >= hi) ? 1 : 0;
            }
            double[] d = density(ncp);
            double p = 0;
            for (int i = 0; i < d.length; i++) {
                int s = lo + i;
                if (upper ? s >= x : s <= x) {
                    p += d[i];
                }
            }
            return p;
        }

        double mle() {
            if (x == lo) {
                return 0;
            }
            if (x == hi) {
                return Double.POSITIVE_INFINITY;
            }
            double mu = mean(1);
            if (mu > x) {
                return Zeroin.uniroot(t -> mean(t) - x, 0, 1);
            }
            if (mu < x) {
                return 1 / Zeroin.uniroot(t -> mean(1 / t) - x, EPS, 1);
            }
            return 1;
        }

        double upperLimit(double alpha) {
            if (x == hi) {
                return Double.POSITIVE_INFINITY;
            }
            double p = tail(1, false);
            if (p < alpha) {
                return Zeroin.uniroot(t -> tail(t, false) - alpha, 0, 1);
            }
            if (p > alpha) {
                return 1 / Zeroin.uniroot(t -> tail(1 / t, false) - alpha, EPS, 1);
            }
            return 1;
        }

        double lowerLimit(double alpha) {
            if (x == lo) {
                return 0;
            }
            double p = tail(1, true);
            if (p > alpha) {
                return Zeroin.uniroot(t -> tail(t, true) - alpha, 0, 1);
            }
            if (p < alpha) {
                return 1 / Zeroin.uniroot(t -> tail(1 / t, true) - alpha, EPS, 1);
            }
            return 1;
        }
    }

    // ---- r x c, by enumeration ----

    /**
     * Every table with the observed margins, filled column by column (the last cell of a column
     * and the whole last column follow from the margins). A table's probability is
     * Π r_i! Π c_j! / (N! Π n_ij!).
     */
    private static final class Enumeration {
        private final int rows;
        private final int cols;
        private final int[] rowLeft;
        private final int[] colTotals;
        private final double[] logFactorial;
        private final double constant;
        private final double observed;
        private long tables;
        private double pValue;

        Enumeration(long[][] table) {
            rows = table.length;
            cols = table[0].length;
            rowLeft = new int[rows];
            colTotals = new int[cols];
            int total = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int v = Math.toIntExact(table[i][j]);
                    rowLeft[i] += v;
                    colTotals[j] += v;
                    total += v;
                }
            }
            logFactorial = new double[total + 1];
            for (int v = 1; v <= total; v++) {
                logFactorial[v] = logFactorial[v - 1] + Math.log(v);
            }
            double c = -logFactorial[total];
            for (int r : rowLeft) {
                c += logFactorial[r];
            }
            for (int s : colTotals) {
                c += logFactorial[s];
            }
            constant = c;
            double cells = 0;
            for (long[] row : table) {
                for (long v : row) {
                    cells += logFactorial[(int) v];
                }
            }
            observed = constant - cells + Math.log(RELATIVE_ERROR);
        }

        double pValue() throws TooManyTables {
            column(0, 0);
            return Math.min(1, pValue);
        }

        private void column(int j, double logCells) throws TooManyTables {
            if (j == cols - 1) {
                double s = logCells;
                for (int r : rowLeft) {
                    s += logFactorial[r];
                }
                if (++tables > MAX_TABLES) {
                    throw new TooManyTables();
                }
                double logP = constant - s;
                if (logP <= observed) {
                    pValue += Math.exp(logP);
                }
                return;
            }
            cell(j, 0, colTotals[j], logCells);
        }

        private void cell(int j, int i, int left, double logCells) throws TooManyTables {
            if (i == rows - 1) {
                if (left <= rowLeft[i]) {
                    rowLeft[i] -= left;
                    column(j + 1, logCells + logFactorial[left]);
                    rowLeft[i] += left;
                }
                return;
            }
            int below = 0;
            for (int r = i + 1; r < rows; r++) {
                below += rowLeft[r];
            }
            int hi = Math.min(rowLeft[i], left);
            for (int v = Math.max(0, left - below); v <= hi; v++) {
                rowLeft[i] -= v;
                cell(j, i + 1, left - v, logCells + logFactorial[v]);
                rowLeft[i] += v;
            }
        }
    }
}
