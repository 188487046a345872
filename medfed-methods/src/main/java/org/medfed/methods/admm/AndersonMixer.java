package org.medfed.methods.admm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hub's side of Anderson acceleration (type II) of consensus ADMM, seen as a fixed-point
 * iteration {@code Y ← T(Y)} on the sites' points {@code y_k = x̂_k + u_k}: the hub keeps the
 * last m + 1 rounds' sums {@code Σ_k T(Y_j)_k} (the releases it already gets) and the inner
 * products, summed over sites, of the consecutive differences of their fixed-point residuals
 * {@code T(Y_j) − Y_j} with each other and with the newest residual, and proposes the
 * next point as the affine combination of the kept T-values that least-squares-cancels the
 * residuals. Sites form the same combination of their own kept points, so no site's point leaves
 * it. Safeguarded: an extrapolated point whose residual is larger than the last accepted point's
 * is dropped, and the next round takes the plain step from the accepted point instead.
 */
final class AndersonMixer {
    /** Tikhonov weight on the least-squares problem, relative to its diagonal's size. */
    private static final double REGULARIZATION = 1e-10;
    /** Weights larger than this mean the kept residuals are near-dependent: take the plain step. */
    private static final double MAX_WEIGHT = 1e4;

    private final int memory;
    private final List<double[]> sums = new ArrayList<>();
    /** differences.get(i)[j]: the summed ⟨Δ_i, Δ_j⟩ of kept residual differences (i ≥ j), oldest first. */
    private final List<double[]> differences = new ArrayList<>();
    /** ⟨Δ_i, r⟩ for the latest residual r. */
    private double[] towardLatest = new double[0];
    private long added;
    private long acceptedAt = -1;
    private double acceptedResidual = Double.POSITIVE_INFINITY;
    private boolean extrapolated;
    private boolean rejected;
    private int rejections;

    AndersonMixer(int memory) {
        this.memory = memory;
    }

    /** A proposal: weights over the kept T-values (oldest first, as many as kept) and the combined sum. */
    record Mix(double[] weights, double[] sum) {
    }

    /** Forgets everything kept (a new problem, or a changed ρ, changes the map T). */
    void clear() {
        sums.clear();
        differences.clear();
        towardLatest = new double[0];
        acceptedAt = -1;
        acceptedResidual = Double.POSITIVE_INFINITY;
        extrapolated = false;
        rejected = false;
    }

    /**
     * Folds one round: {@code sum} is Σ_k T(Y)_k at the point just evaluated, {@code row} the sites'
     * summed inner products in {@link ConsensusSteps#RESIDUAL_GRAM}'s layout (those of the kept
     * residual differences, right-aligned, beyond what the hub keeps since its last clear, are ignored).
     */
    void add(double[] sum, double[] row) {
        if (row.length != 2 * memory + 1) {
            throw new IllegalStateException("ADMM: residual inner products of length " + row.length + ", expected "
                    + (2 * memory + 1));
        }
        if (sums.size() == memory + 1) {
            sums.remove(0);
            differences.remove(0);
            for (int i = 0; i < differences.size(); i++) {
                double[] r = differences.get(i);
                differences.set(i, Arrays.copyOfRange(r, 1, r.length));
            }
        }
        sums.add(sum.clone());
        int nd = sums.size() - 1;
        if (nd > 0) {
            double[] own = new double[nd];
            towardLatest = new double[nd];
            for (int i = 0; i < nd; i++) {
                own[i] = row[memory - nd + i];
                towardLatest[i] = row[2 * memory - nd + i];
            }
            differences.add(own);
        }
        added++;
        double residual = row[2 * memory];
        if (extrapolated && !(residual <= acceptedResidual)) {
            rejected = true;
            rejections++;
        } else {
            rejected = false;
            acceptedAt = added - 1;
            acceptedResidual = residual;
        }
    }

    /** The next point: an extrapolation, the plain step from the accepted point after a rejection, or null for the plain step. */
    Mix next() {
        int size = sums.size();
        if (rejected) {
            rejected = false;
            extrapolated = false;
            int at = (int) (acceptedAt - (added - size));
            if (at < 0) {
                return null;
            }
            double[] w = new double[size];
            w[at] = 1;
            return new Mix(w, sums.get(at).clone());
        }
        extrapolated = false;
        if (size < 2) {
            return null;
        }
        int m = size - 1;
        // ΔF_i = f_{i+1} − f_i; solve (ΔFᵀΔF + εI) γ = ΔFᵀ f_latest.
        double[] a = new double[m * m];
        double[] b = towardLatest.clone();
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int k = 0; k <= i; k++) {
                double v = differences.get(i)[k];
                a[i * m + k] = v;
                a[k * m + i] = v;
            }
            trace += a[i * m + i];
        }
        if (!(trace > 0)) {
            return null;
        }
        for (int i = 0; i < m; i++) {
            a[i * m + i] += REGULARIZATION * trace / m;
        }
        double[] gamma;
        try {
            gamma = SpdCholesky.of(a, m).solve(b);
        } catch (ArithmeticException e) {
            return null;
        }
        double[] w = new double[size];
        w[m] = 1;
        for (int i = 0; i < m; i++) {
            w[i + 1] -= gamma[i];
            w[i] += gamma[i];
        }
        for (double v : w) {
            if (!(Math.abs(v) <= MAX_WEIGHT)) {
                return null;
            }
        }
        double[] sum = new double[sums.get(0).length];
        for (int j = 0; j < size; j++) {
            double[] s = sums.get(j);
            for (int c = 0; c < sum.length; c++) {
                sum[c] += w[j] * s[c];
            }
        }
        extrapolated = true;
        return new Mix(w, sum);
    }

    int rejections() {
        return rejections;
    }
}
