package org.medfed.methods.cox;

import java.util.Arrays;

/**
 * The partial-likelihood arithmetic on a time grid, shared by both variants: a site folds its
 * rows into per-grid-time sums ({@link #accumulate}), and whoever holds the sums over all rows of
 * a stratum — the hub for the pooled baseline, each site for its own strata — cumulates them into
 * risk sets and evaluates the log partial likelihood, score and information ({@link #evaluate}).
 *
 * <p>Grid: the distinct event times of every stratum, strata one after another
 * ({@code start[s]} .. {@code start[s+1]} − 1, ascending times). A row is filed at the last grid
 * time of its stratum not after its own time (its slot; −1 if it ends before the first event
 * time, when it is in no risk set), so that the risk set at grid time k is the rows filed at k or
 * later: the hub cumulates slot sums from the end. Risk-set sums: Σ exp(η), Σ z exp(η),
 * Σ z zᵀ exp(η) with z the covariates centred at the pooled means (as coxph centres them; the
 * likelihood does not change). Efron's tied-event sums (the same three over the rows that have
 * their event at a grid time) are needed only where two or more events share a time; those
 * grid times are numbered by {@code tied[k]} (−1 elsewhere). Symmetric p × p sums travel as
 * their upper triangle, row by row ({@link #packed}).
 */
final class RiskSets {
    private RiskSets() {
    }

    /** The length of a packed upper triangle of a p × p matrix. */
    static int packed(int p) {
        return p * (p + 1) / 2;
    }

    /** One site's sums over its rows at the grid (slot sums of risk sets, tied-event sums). */
    record Sums(double[] risk0, double[] risk1, double[] risk2, double[] tied0, double[] tied1, double[] tied2) {
    }

    /**
     * Folds rows into slot sums at {@code beta}.
     *
     * @param x      covariates, column-major ({@code x[j][i]})
     * @param mean   the centring of every covariate
     * @param slot   each row's grid slot, −1 for none
     * @param event  whether each row has its event (at its slot's time)
     * @param tied   per grid time, its index among tied times or −1
     * @param grid   number of grid times
     * @param nTied  number of tied grid times
     */
    static Sums accumulate(double[][] x, double[] mean, double[] beta, int[] slot, boolean[] event, int[] tied,
                           int grid, int nTied) {
        int p = x.length;
        int q = packed(p);
        double[] r0 = new double[grid];
        double[] r1 = new double[grid * p];
        double[] r2 = new double[grid * q];
        double[] e0 = new double[nTied];
        double[] e1 = new double[nTied * p];
        double[] e2 = new double[nTied * q];
        double[] z = new double[p];
        int n = slot.length;
        for (int i = 0; i < n; i++) {
            int s = slot[i];
            if (s < 0) {
                continue;
            }
            double eta = 0;
            for (int j = 0; j < p; j++) {
                z[j] = x[j][i] - mean[j];
                eta += beta[j] * z[j];
            }
            double w = Math.exp(eta);
            add(r0, r1, r2, s, p, q, w, z);
            if (event[i] && tied[s] >= 0) {
                add(e0, e1, e2, tied[s], p, q, w, z);
            }
        }
        return new Sums(r0, r1, r2, e0, e1, e2);
    }

    private static void add(double[] s0, double[] s1, double[] s2, int k, int p, int q, double w, double[] z) {
        s0[k] += w;
        int o1 = k * p;
        int o2 = k * q;
        for (int a = 0; a < p; a++) {
            double wz = w * z[a];
            s1[o1 + a] += wz;
            for (int b = a; b < p; b++) {
                s2[o2++] += wz * z[b];
            }
        }
    }

    /** Log partial likelihood, score and information (row-major p × p) at one β. */
    record Value(double loglik, double[] score, double[] information) {
    }

    /**
     * Evaluates the partial likelihood from sums over all rows of every stratum.
     *
     * @param start      stratum boundaries in the grid (length strata + 1)
     * @param deaths     events per grid time
     * @param sums       slot and tied sums over all rows
     * @param etaEvents  Σ over events of the centred linear predictor
     * @param zEvents    Σ over events of the centred covariates
     */
    static Value evaluate(int p, int[] start, double[] deaths, int[] tied, Sums sums, boolean efron,
                          double etaEvents, double[] zEvents) {
        int q = packed(p);
        double loglik = etaEvents;
        double[] u = zEvents.clone();
        double[] info = new double[p * p];
        double[] s1 = new double[p];
        double[] s2 = new double[q];
        double[] a1 = new double[p];
        double[] a2 = new double[q];
        for (int s = 0; s + 1 < start.length; s++) {
            double s0 = 0;
            Arrays.fill(s1, 0);
            Arrays.fill(s2, 0);
            for (int k = start[s + 1] - 1; k >= start[s]; k--) {
                s0 += sums.risk0()[k];
                for (int a = 0; a < p; a++) {
                    s1[a] += sums.risk1()[k * p + a];
                }
                for (int c = 0; c < q; c++) {
                    s2[c] += sums.risk2()[k * q + c];
                }
                double d = deaths[k];
                if (d <= 0) {
                    continue;
                }
                if (!efron || d < 2) {
                    loglik -= d * Math.log(s0);
                    addInformation(u, info, p, d, s0, s1, s2);
                    continue;
                }
                int t = tied[k];
                if (t < 0) {
                    throw new IllegalStateException("cox: no tied-event sums at a grid time with " + d + " events");
                }
                double e0 = sums.tied0()[t];
                for (int r = 0; r < (int) d; r++) {
                    double f = r / d;
                    double d0 = s0 - f * e0;
                    for (int a = 0; a < p; a++) {
                        a1[a] = s1[a] - f * sums.tied1()[t * p + a];
                    }
                    for (int c = 0; c < q; c++) {
                        a2[c] = s2[c] - f * sums.tied2()[t * q + c];
                    }
                    loglik -= Math.log(d0);
                    addInformation(u, info, p, 1, d0, a1, a2);
                }
            }
        }
        return new Value(loglik, u, info);
    }

    /** One event time's (or Efron sub-step's) share: u −= w S1/S0, I += w (S2/S0 − S1 S1ᵀ/S0²). */
    private static void addInformation(double[] u, double[] info, int p, double w, double s0, double[] s1, double[] s2) {
        int c = 0;
        for (int a = 0; a < p; a++) {
            double ma = s1[a] / s0;
            u[a] -= w * ma;
            for (int b = a; b < p; b++) {
                double v = w * (s2[c++] / s0 - ma * (s1[b] / s0));
                info[a * p + b] += v;
                if (b != a) {
                    info[b * p + a] += v;
                }
            }
        }
    }

    /**
     * Each row's slot on a grid (the hub's shared one, or a site's own): the index of the last
     * grid time of its stratum not after its time, or −1 when it ends before the stratum's first.
     */
    static int[] slots(double[] time, int[] stratum, double[] gridTimes, int[] start) {
        int[] slot = new int[time.length];
        for (int i = 0; i < time.length; i++) {
            int s = stratum[i];
            int lo = start[s];
            int hi = start[s + 1];
            // the last index in [lo, hi) with gridTimes <= time[i]
            int pos = Arrays.binarySearch(gridTimes, lo, hi, time[i]);
            int k;
            if (pos >= 0) {
                k = pos;
            } else {
                k = -pos - 2;
            }
            slot[i] = k >= lo ? k : -1;
        }
        return slot;
    }
}
