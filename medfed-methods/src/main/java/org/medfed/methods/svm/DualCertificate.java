package org.medfed.methods.svm;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The hub's running duality-gap certificate over an svm fit's ADMM rounds, built from the sums the
 * sites already release (nothing more is asked of them). Weak duality holds for every pair of a
 * primal point and a dual-feasible α, not only for the pair of one round, so the certificate pairs
 * the best of each side seen so far:
 * <ul>
 *   <li>the primal side is the lowest objective among the consensus points so far, and that point
 *       becomes the fit's answer (with a gap tolerance the answer is the best consensus, not
 *       necessarily the last);</li>
 *   <li>the dual side is the highest D over every convex combination of the last {@link #WINDOW}
 *       rounds' dual variables, and over the best of earlier rounds. A convex combination of points
 *       of the box [0, C]ⁿ is in the box, and D's sums (Σα and Σαyx̃) are linear in α, so D of a
 *       combination follows from the rounds' released sums alone: for weights λ on the simplex,
 *       {@code D = Σ_t λ_t S_t − ½ (Σ_t λ_t v_t)ᵀ P⁻¹ (Σ_t λ_t v_t)}. In the ADMM's tail the sites'
 *       local duals oscillate about the optimum; a combination cancels much of the oscillation
 *       that bounds a single round's D.</li>
 * </ul>
 * The certificate can only tighten from round to round, so the stopping rule it drives does not
 * depend on where in an oscillation a round happens to fall.
 */
final class DualCertificate {
    /** Rounds whose dual iterates are combined. */
    static final int WINDOW = 20;
    /** Accelerated projected-gradient steps for the weights (a WINDOW-variable concave quadratic). */
    private static final int STEPS = 2000;
    /** ...or until no weight moves by more than this in a step. */
    private static final double SETTLED = 1e-13;

    private final QuadraticPenalty penalty;
    private final ArrayDeque<double[]> directions = new ArrayDeque<>();
    private final ArrayDeque<double[]> inverseDirections = new ArrayDeque<>();
    private final ArrayDeque<Double> alphaSums = new ArrayDeque<>();
    private double bestPrimal = Double.POSITIVE_INFINITY;
    private double[] bestConsensus;
    private double bestDual = Double.NEGATIVE_INFINITY;

    DualCertificate(QuadraticPenalty penalty) {
        this.penalty = penalty;
    }

    /**
     * Folds one round: the objective at its consensus z and the sites' summed Σα and Σαyx̃ (of the
     * same round); returns the certificate so far, the best primal against the best dual bound.
     */
    DualityGap add(double primal, double[] consensus, double alphaSum, double[] direction) {
        if (primal < bestPrimal) {
            bestPrimal = primal;
            bestConsensus = consensus.clone();
        }
        alphaSums.addLast(alphaSum);
        directions.addLast(direction.clone());
        inverseDirections.addLast(penalty.inverseTimes(direction));
        if (alphaSums.size() > WINDOW) {
            alphaSums.removeFirst();
            directions.removeFirst();
            inverseDirections.removeFirst();
        }
        bestDual = Math.max(bestDual, combinedDual());
        return new DualityGap(bestPrimal, bestDual);
    }

    /** The consensus with the lowest objective so far (the answer the certificate is about). */
    double[] bestConsensus() {
        if (bestConsensus == null) {
            throw new IllegalStateException("svm: no round certified yet");
        }
        return bestConsensus.clone();
    }

    /** The lowest objective so far: that of {@link #bestConsensus()}. */
    double bestPrimal() {
        return bestPrimal;
    }

    /** The best D over convex combinations of the window's rounds (at least the latest round's own D). */
    private double combinedDual() {
        int k = alphaSums.size();
        double[] s = new double[k];
        Iterator<Double> it = alphaSums.iterator();
        for (int t = 0; t < k; t++) {
            s[t] = it.next();
        }
        double[][] v = directions.toArray(new double[0][]);
        double[][] pv = inverseDirections.toArray(new double[0][]);
        // The Gram matrix G_tu = v_tᵀP⁻¹v_u: D(λ) = sᵀλ − ½ λᵀGλ.
        double[][] g = new double[k][k];
        double lipschitz = 0;
        for (int t = 0; t < k; t++) {
            for (int u = 0; u <= t; u++) {
                double d = 0;
                for (int j = 0; j < v[t].length; j++) {
                    d += v[t][j] * pv[u][j];
                }
                g[t][u] = d;
                g[u][t] = d;
            }
            lipschitz += g[t][t]; // the trace bounds G's largest eigenvalue
        }
        double[] lambda = new double[k];
        lambda[k - 1] = 1;
        double best = value(s, g, lambda);
        if (k == 1 || !(lipschitz > 0)) {
            return best;
        }
        // FISTA on the simplex; every iterate is feasible, so the best value seen is a valid bound.
        double[] y = lambda.clone();
        double momentum = 1;
        for (int step = 0; step < STEPS; step++) {
            double[] next = new double[k];
            for (int t = 0; t < k; t++) {
                double gradient = s[t];
                for (int u = 0; u < k; u++) {
                    gradient -= g[t][u] * y[u];
                }
                next[t] = y[t] + gradient / lipschitz;
            }
            next = ontoSimplex(next);
            double moved = 0;
            for (int t = 0; t < k; t++) {
                moved = Math.max(moved, Math.abs(next[t] - lambda[t]));
            }
            if (moved < SETTLED) {
                best = Math.max(best, value(s, g, next));
                break;
            }
            double nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
            for (int t = 0; t < k; t++) {
                y[t] = next[t] + (momentum - 1) / nextMomentum * (next[t] - lambda[t]);
            }
            lambda = next;
            momentum = nextMomentum;
            best = Math.max(best, value(s, g, lambda));
        }
        return best;
    }

    private static double value(double[] s, double[][] g, double[] lambda) {
        double linear = 0;
        double quadratic = 0;
        for (int t = 0; t < s.length; t++) {
            if (lambda[t] == 0) {
                continue;
            }
            linear += s[t] * lambda[t];
            for (int u = 0; u < s.length; u++) {
                quadratic += lambda[t] * g[t][u] * lambda[u];
            }
        }
        return linear - 0.5 * quadratic;
    }

    /** The Euclidean projection onto the probability simplex (Held et al. 1974; Duchi et al. 2008). */
    static double[] ontoSimplex(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double sum = 0;
        double shift = 0;
        for (int i = sorted.length - 1; i >= 0; i--) {
            sum += sorted[i];
            double candidate = (sum - 1) / (sorted.length - i);
            if (i == 0 || sorted[i - 1] <= candidate) {
                shift = candidate;
                break;
            }
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.max(0, x[i] - shift);
        }
        return out;
    }
}
