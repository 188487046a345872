package org.medfed.methods.svm;

import java.util.SplittableRandom;
import org.medfed.methods.admm.LocalSolver;

/**
 * A site's local ADMM step for the linear SVM, kept in site state for the life of the job and
 * never released: {@code w = argmin C Σᵢ max(0, 1 − yᵢ wᵀxᵢ) + ρ/2 ||w − v||²} over the site's
 * rows, by dual coordinate descent as liblinear solves its L2-regularized L1-loss SVC (Hsieh et
 * al. 2008), with the regularizer centred at {@code v} and scaled by ρ: the dual variables
 * {@code αᵢ} live in the box [0, C], {@code w = v + (1/ρ) Σ αᵢ yᵢ xᵢ}, and the diagonal of the
 * dual Hessian is {@code Qᵢᵢ = ||xᵢ||²/ρ}.
 *
 * <p>The α of the previous solve are the start of the next one: the box does not depend on v or
 * ρ, so they stay feasible, and between consecutive ADMM rounds they barely change, which makes
 * the late solves a sweep or two. Coordinates are visited in a fresh pseudo-random order each
 * sweep (as liblinear does) from a fixed seed, so that a site's answers are reproducible.
 */
final class HingeDualSolver implements LocalSolver {
    /** Stop a solve when the projected gradient's spread (max − min, liblinear's test) is this small. */
    static final double DEFAULT_TOLERANCE = 1e-10;
    /** Sweeps per solve at most; the α carry over, so an unfinished solve continues in the next round. */
    static final int DEFAULT_MAX_SWEEPS = 2000;
    private static final long SEED = 0x5F3759DFL;
    /** Rows whose margin yᵢwᵀxᵢ is within this of 1 count as on the margin when seeding from a previous fit. */
    private static final double MARGIN_BAND = 1e-6;

    private final double[] rows;
    private final double[] label;
    private final double[] squaredNorm;
    private final double cost;
    private final int n;
    private final int p;
    private final double tolerance;
    private final int maxSweeps;
    private final double[] alpha;
    private final int[] order;
    private final SplittableRandom random = new SplittableRandom(SEED);
    private int lastSweeps;
    private boolean lastConverged;

    /**
     * @param rows      row-major n × p features (the working coordinates the ADMM runs in)
     * @param label     each row's class, −1 or +1
     * @param cost      the SVM's C (> 0)
     * @param tolerance the projected-gradient spread at which a solve stops
     * @param maxSweeps the most sweeps over the rows one solve makes
     */
    HingeDualSolver(double[] rows, double[] label, double cost, double tolerance, int maxSweeps) {
        this.n = label.length;
        if (n == 0 || rows.length % n != 0) {
            throw new IllegalArgumentException("rows do not fit " + n + " labels");
        }
        this.p = rows.length / n;
        this.rows = rows;
        this.label = label;
        this.cost = cost;
        this.tolerance = tolerance;
        this.maxSweeps = maxSweeps;
        this.squaredNorm = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                double v = rows[i * p + j];
                s += v * v;
            }
            squaredNorm[i] = s;
            if (label[i] != 1 && label[i] != -1) {
                throw new IllegalArgumentException("label " + label[i] + " is not ±1");
            }
        }
        this.alpha = new double[n];
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
    }

    int rows() {
        return n;
    }

    int width() {
        return p;
    }

    /** The engine's step: the start point is not needed, the kept α are a better one. */
    @Override
    public double[] solve(double[] v, double rho, double[] start) {
        return solve(v, rho);
    }

    /** {@code C Σ hinge} at z: the site's share of the SVM's loss. */
    @Override
    public double loss(double[] z) {
        return cost * hingeSum(z);
    }

    /** The minimizer of {@code C Σ hinge + ρ/2 ||w − centre||²} over this site's rows. */
    double[] solve(double[] centre, double rho) {
        if (centre.length != p) {
            throw new IllegalArgumentException("centre has " + centre.length + " elements, rows have " + p);
        }
        if (!(rho > 0)) {
            throw new IllegalArgumentException("rho must be positive, got " + rho);
        }
        // w from the kept α, summed afresh so that no rounding drifts in across solves.
        double[] w = centre.clone();
        for (int i = 0; i < n; i++) {
            if (alpha[i] != 0) {
                double c = alpha[i] * label[i] / rho;
                int o = i * p;
                for (int j = 0; j < p; j++) {
                    w[j] += c * rows[o + j];
                }
            }
        }
        lastConverged = false;
        lastSweeps = 0;
        while (lastSweeps < maxSweeps) {
            lastSweeps++;
            shuffle();
            double maxPg = Double.NEGATIVE_INFINITY;
            double minPg = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                int o = i * p;
                if (squaredNorm[i] == 0) {
                    // A zero row's hinge is 1 whatever w is: its α sits at C and moves nothing.
                    alpha[i] = cost;
                    continue;
                }
                double margin = 0;
                for (int j = 0; j < p; j++) {
                    margin += w[j] * rows[o + j];
                }
                double g = label[i] * margin - 1;
                double a = alpha[i];
                double pg = a == 0 ? Math.min(g, 0) : a == cost ? Math.max(g, 0) : g;
                maxPg = Math.max(maxPg, pg);
                minPg = Math.min(minPg, pg);
                if (pg != 0) {
                    double updated = Math.min(Math.max(a - g * rho / squaredNorm[i], 0), cost);
                    double step = (updated - a) * label[i] / rho;
                    alpha[i] = updated;
                    for (int j = 0; j < p; j++) {
                        w[j] += step * rows[o + j];
                    }
                }
            }
            if (maxPg - minPg <= tolerance || maxPg == Double.NEGATIVE_INFINITY) {
                lastConverged = true;
                break;
            }
        }
        return w;
    }

    /**
     * Starts the dual variables from a previous solution w (a warm start): αᵢ = C for rows inside
     * the margin (yᵢwᵀxᵢ < 1), 0 for rows beyond it, C/2 for rows on it (within {@link
     * #MARGIN_BAND}: their share only the pooled problem decides, so a site can only guess it).
     * Returns Σ αᵢyᵢxᵢ, the site's estimate of its ADMM dual at w.
     */
    double[] seed(double[] w) {
        for (int i = 0; i < n; i++) {
            double margin = label[i] * decision(w, i);
            alpha[i] = margin < 1 - MARGIN_BAND ? cost : margin > 1 + MARGIN_BAND ? 0 : cost / 2;
        }
        return alphaDirection();
    }

    /** Σαᵢ over this site's rows: the linear part of its share of the SVM's dual objective. */
    double alphaSum() {
        double s = 0;
        for (double a : alpha) {
            s += a;
        }
        return s;
    }

    /** Σαᵢyᵢxᵢ over this site's rows: its share of the dual's {@code v} (see {@link DualityGap}). */
    double[] alphaDirection() {
        double[] s = new double[p];
        for (int i = 0; i < n; i++) {
            double c = alpha[i] * label[i];
            if (c != 0) {
                int o = i * p;
                for (int j = 0; j < p; j++) {
                    s[j] += c * rows[o + j];
                }
            }
        }
        return s;
    }

    /** A copy of the dual variables (for tests of optimality; never released). */
    double[] alpha() {
        return alpha.clone();
    }

    /** Sweeps the last {@link #solve} made. */
    int lastSweeps() {
        return lastSweeps;
    }

    /** Whether the last {@link #solve} reached the tolerance (else it stopped at the sweep limit). */
    boolean lastConverged() {
        return lastConverged;
    }

    /** Σᵢ max(0, 1 − yᵢ wᵀxᵢ) over this site's rows. */
    double hingeSum(double[] w) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.max(0, 1 - label[i] * decision(w, i));
        }
        return s;
    }

    /** How many rows {@code sign(wᵀx)} classifies correctly (a decision value of 0 counts as −1, as liblinear's predict does). */
    int correct(double[] w) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            double predicted = decision(w, i) > 0 ? 1 : -1;
            if (predicted == label[i]) {
                c++;
            }
        }
        return c;
    }

    private double decision(double[] w, int i) {
        double m = 0;
        int o = i * p;
        for (int j = 0; j < p; j++) {
            m += w[j] * rows[o + j];
        }
        return m;
    }

    private void shuffle() {
        for (int k = n - 1; k > 0; k--) {
            int r = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[r];
            order[r] = t;
        }
    }
}
