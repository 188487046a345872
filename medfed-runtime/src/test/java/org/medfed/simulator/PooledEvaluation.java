package org.medfed.simulator;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A model evaluation computed the plain way from pooled fitted probabilities and outcomes — the
 * way R computes it, written independently of the federated code so that tests can compare the
 * two on any set of probabilities: Hosmer–Lemeshow with R's type-7 quantiles (interpolated, as
 * {@code quantile.default}) and {@code cut(include.lowest = TRUE)}, Mann–Whitney AUC and DeLong's
 * variance over all case–control pairs, the Brier score, and the two calibration fits by Newton.
 */
record PooledEvaluation(double[] breaks, int[] n, int[] observed, double[] expected, double statistic, double pValue,
                        double auc, double confLow, double confHigh, double brier, double intercept, double slope) {

    static PooledEvaluation of(double[] p, double[] y, int g, double confLevel) {
        int rows = p.length;
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        // quantile(p, seq(0, 1, length.out = g + 1), type = 7)
        double[] breaks = new double[g + 1];
        double by = 1.0 / g;
        for (int k = 0; k <= g; k++) {
            double prob = k == g ? 1 : k * by;
            double index = 1 + (rows - 1) * prob;
            int lo = (int) Math.floor(index);
            int hi = (int) Math.ceil(index);
            double q = sorted[lo - 1];
            double h = index - lo;
            if (index > lo && sorted[hi - 1] != q) {
                q = (1 - h) * q + h * sorted[hi - 1];
            }
            breaks[k] = q;
        }
        // cut(p, breaks, include.lowest = TRUE, right = TRUE)
        int[] n = new int[g];
        int[] observed = new int[g];
        double[] expected = new double[g];
        for (int i = 0; i < rows; i++) {
            int k = 0;
            while (k < g - 1 && p[i] > breaks[k + 1]) {
                k++;
            }
            n[k]++;
            observed[k] += (int) y[i];
            expected[k] += p[i];
        }
        double statistic = 0;
        for (int k = 0; k < g; k++) {
            double o0 = n[k] - observed[k];
            double e0 = n[k] - expected[k];
            statistic += Math.pow(observed[k] - expected[k], 2) / expected[k] + Math.pow(o0 - e0, 2) / e0;
        }
        double pValue = ChiSquaredDistribution.of(g - 2).survivalProbability(statistic);

        // Mann-Whitney AUC and DeLong placements, pair by pair.
        int n1 = 0;
        for (double v : y) {
            n1 += (int) v;
        }
        int n0 = rows - n1;
        double[] v10 = new double[rows];
        double[] v01 = new double[rows];
        double u = 0;
        for (int i = 0; i < rows; i++) {
            if (y[i] != 1) {
                continue;
            }
            for (int j = 0; j < rows; j++) {
                if (y[j] != 0) {
                    continue;
                }
                double s = p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                u += s;
                v10[i] += s / n0;
                v01[j] += s / n1;
            }
        }
        double auc = u / ((double) n1 * n0);
        double s10 = 0;
        double s01 = 0;
        for (int i = 0; i < rows; i++) {
            if (y[i] == 1) {
                s10 += Math.pow(v10[i] - auc, 2);
            } else {
                s01 += Math.pow(v01[i] - auc, 2);
            }
        }
        double se = Math.sqrt(s10 / (n1 - 1) / n1 + s01 / (n0 - 1) / n0);
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confLevel) / 2);

        double brier = 0;
        for (int i = 0; i < rows; i++) {
            brier += Math.pow(y[i] - p[i], 2);
        }
        brier /= rows;

        // glm(y ~ lp) and glm(y ~ 1 + offset(lp)), lp = logit(p), by Newton from (0, 1) and 0 with
        // step halving on the log-likelihood (a different safeguard from the product's capped steps).
        double[] lp = new double[rows];
        for (int i = 0; i < rows; i++) {
            lp[i] = Math.log(p[i] / (1 - p[i]));
        }
        double a = 0;
        double b = 1;
        double c = 0;
        for (int it = 0; it < 200; it++) {
            double g0 = 0, g1 = 0, i00 = 0, i01 = 0, i11 = 0, gc = 0, ic = 0;
            for (int i = 0; i < rows; i++) {
                double q = 1 / (1 + Math.exp(-(a + b * lp[i])));
                g0 += y[i] - q;
                g1 += (y[i] - q) * lp[i];
                i00 += q * (1 - q);
                i01 += q * (1 - q) * lp[i];
                i11 += q * (1 - q) * lp[i] * lp[i];
                double r = 1 / (1 + Math.exp(-(c + lp[i])));
                gc += y[i] - r;
                ic += r * (1 - r);
            }
            double det = i00 * i11 - i01 * i01;
            double da = (i11 * g0 - i01 * g1) / det;
            double db = (i00 * g1 - i01 * g0) / det;
            double dc = gc / ic;
            double before = logLik(y, lp, a, b);
            double t = 1;
            while (logLik(y, lp, a + t * da, b + t * db) < before && t > 1e-12) {
                t /= 2;
            }
            a += t * da;
            b += t * db;
            double beforeC = logLik(y, lp, c, 1);
            double tc = 1;
            while (logLik(y, lp, c + tc * dc, 1) < beforeC && tc > 1e-12) {
                tc /= 2;
            }
            c += tc * dc;
        }
        return new PooledEvaluation(breaks, n, observed, expected, statistic, pValue, auc,
                Math.max(0, auc - z * se), Math.min(1, auc + z * se), brier, c, b);
    }

    /** Bernoulli log-likelihood of y under logit(q) = a + b * lp. */
    private static double logLik(double[] y, double[] lp, double a, double b) {
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            double eta = a + b * lp[i];
            // log(1 + e^eta) without overflow
            double log1pExp = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
            l += y[i] * eta - log1pExp;
        }
        return l;
    }
}
