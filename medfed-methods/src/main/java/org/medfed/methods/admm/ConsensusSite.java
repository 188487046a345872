package org.medfed.methods.admm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.medfed.method.Payload;

/**
 * A site's side of consensus ADMM, kept in its job state for the life of the job: the local
 * primal {@code x_k}, its relaxed copy {@code x̂_k} and the scaled dual {@code u_k}. None of them
 * is released. Each round, given the hub's new {@code z}:
 * <ol>
 *   <li>{@code u_k ← (u_k + x̂_k − z) · scale} (skipped in a problem's first round), where the
 *       scale is {@code ρ_old/ρ_new} when the hub changed ρ;</li>
 *   <li>the stopping sums {@code ||x_k − z||²}, {@code ||x_k||²}, {@code ||u_k||²} and the loss
 *       {@code f_k(z)};</li>
 *   <li>{@code x_k ← argmin f_k(x) + (ρ/2)||x − z + u_k||²} and {@code x̂_k ← α x_k + (1 − α) z};</li>
 *   <li>the release {@code x̂_k + u_k}.</li>
 * </ol>
 * Steps 1 and 2 complete the previous iteration (the u-update needs the new z), so the stopping
 * sums describe the iterate the hub has just formed. With Anderson acceleration the site also keeps
 * its last m + 1 releases and residuals {@code x̂_k − z}; a request may then name weights over the
 * kept releases, whose combination replaces the latest as the start of step 1, and the round also
 * releases the residuals' inner products ({@link ConsensusSteps#RESIDUAL_GRAM}).
 */
public final class ConsensusSite {
    private final int p;
    private double[] x;
    private double[] xHat;
    private double[] u;
    private double[] dualSeed;
    /** With Anderson acceleration: the last rounds' x̂_k + u_k and residuals x̂_k − z, oldest first. */
    private final ArrayDeque<double[]> kept = new ArrayDeque<>();
    private final ArrayDeque<double[]> residuals = new ArrayDeque<>();

    public ConsensusSite(int p) {
        this.p = p;
    }

    /**
     * Seeds the dual of the next fresh problem (a warm start): its first round uses
     * {@code u_k = λ_k/ρ} instead of zero, where {@code λ_k = ρ u_k} is the site's unscaled dual
     * (at a consensus optimum, minus a subgradient of its loss there). A method that can estimate
     * it from a previous solution at the site saves the rounds the duals need to grow from zero.
     */
    public void seedDual(double[] unscaledDual) {
        if (unscaledDual.length != p) {
            throw new IllegalArgumentException("ADMM: dual seed of length " + unscaledDual.length + ", expected " + p);
        }
        dualSeed = unscaledDual.clone();
    }

    /**
     * Answers one ADMM round: reads the engine's entries from {@code request}, updates this site's
     * state and puts the engine's releases ({@link ConsensusSteps#releases}) into {@code out}.
     */
    public Payload.Builder answer(Payload request, LocalSolver solver, Payload.Builder out) {
        double[] z = request.number(ConsensusSteps.Z);
        if (z.length != p) {
            throw new IllegalStateException("ADMM: consensus of length " + z.length + ", expected " + p);
        }
        double rho = request.scalar(ConsensusSteps.RHO);
        double scale = request.scalar(ConsensusSteps.U_SCALE);
        double alpha = request.scalar(ConsensusSteps.RELAXATION);
        boolean reset = request.scalar(ConsensusSteps.RESET) != 0;
        int memory = request.hasNumber(ConsensusSteps.ANDERSON) ? (int) request.scalar(ConsensusSteps.ANDERSON) : 0;
        double[] mix = request.hasNumber(ConsensusSteps.MIX) ? request.number(ConsensusSteps.MIX) : null;
        double primalSq = 0;
        double xSq = 0;
        double uSq = 0;
        if (x == null || reset) {
            u = new double[p];
            if (dualSeed != null) {
                for (int j = 0; j < p; j++) {
                    u[j] = dualSeed[j] / rho;
                }
                dualSeed = null;
            }
            x = null;
            kept.clear();
            residuals.clear();
        } else {
            if (mix != null) {
                // u + x̂ is the latest kept point; the hub asked to start from a combination of kept points instead.
                double[] base = combination(mix);
                for (int j = 0; j < p; j++) {
                    u[j] = base[j] - xHat[j];
                }
            }
            for (int j = 0; j < p; j++) {
                u[j] = (u[j] + xHat[j] - z[j]) * scale;
                double r = x[j] - z[j];
                primalSq += r * r;
                xSq += x[j] * x[j];
            }
        }
        for (int j = 0; j < p; j++) {
            uSq += u[j] * u[j];
        }
        double loss = solver.loss(z);
        double[] v = new double[p];
        for (int j = 0; j < p; j++) {
            v[j] = z[j] - u[j];
        }
        x = solver.solve(v, rho, x == null ? z.clone() : x);
        xHat = new double[p];
        double[] released = new double[p];
        for (int j = 0; j < p; j++) {
            xHat[j] = alpha * x[j] + (1 - alpha) * z[j];
            released[j] = xHat[j] + u[j];
        }
        if (memory > 0) {
            out.put(ConsensusSteps.RESIDUAL_GRAM, keep(released, xHat, z, memory));
        }
        return out.put(ConsensusSteps.X_PLUS_U, released).put(ConsensusSteps.PRIMAL_SQ, primalSq)
                .put(ConsensusSteps.X_SQ, xSq).put(ConsensusSteps.U_SQ, uSq).put(ConsensusSteps.LOSS, loss);
    }

    /** Σ_j w_j · (the j-th of the last w.length kept points). */
    private double[] combination(double[] w) {
        if (w.length > kept.size()) {
            throw new IllegalStateException("ADMM: asked to combine " + w.length + " kept points, the site has " + kept.size());
        }
        double[] c = new double[p];
        int skip = kept.size() - w.length;
        int i = 0;
        for (double[] k : kept) {
            if (i >= skip) {
                double wi = w[i - skip];
                for (int j = 0; j < p; j++) {
                    c[j] += wi * k[j];
                }
            }
            i++;
        }
        return c;
    }

    /**
     * Keeps this round's point and residual (the last m + 1) and returns, for the hub's least
     * squares, the inner products of the kept residuals' consecutive differences — formed here, in
     * full precision, not from the residuals' own inner products, whose differences cancel badly
     * once the residuals are nearly parallel: [⟨Δ_last, Δ_i⟩ for each difference i | ⟨Δ_i, r⟩ for
     * each i | ⟨r, r⟩], each block oldest first and right-aligned in its m places.
     */
    private double[] keep(double[] released, double[] xHat, double[] z, int memory) {
        double[] r = new double[p];
        for (int j = 0; j < p; j++) {
            r[j] = xHat[j] - z[j];
        }
        kept.addLast(released.clone());
        residuals.addLast(r);
        while (kept.size() > memory + 1) {
            kept.removeFirst();
            residuals.removeFirst();
        }
        List<double[]> differences = new ArrayList<>();
        double[] previous = null;
        for (double[] q : residuals) {
            if (previous != null) {
                double[] d = new double[p];
                for (int j = 0; j < p; j++) {
                    d[j] = q[j] - previous[j];
                }
                differences.add(d);
            }
            previous = q;
        }
        double[] out = new double[2 * memory + 1];
        int nd = differences.size();
        if (nd > 0) {
            double[] last = differences.get(nd - 1);
            for (int i = 0; i < nd; i++) {
                out[memory - nd + i] = dot(last, differences.get(i));
                out[2 * memory - nd + i] = dot(differences.get(i), r);
            }
        }
        out[2 * memory] = dot(r, r);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
