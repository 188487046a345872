package org.medfed.methods.admm;

import org.medfed.method.Aggregate;
import org.medfed.method.Payload;

/**
 * The hub's side of consensus ADMM: from the sites' summed releases it forms the z-update (the
 * penalty's proximal step at the average of {@code x̂_k + u_k}, with weight Nρ for N sites),
 * applies the stopping rule of Boyd §3.3.1 with {@code √(pN)·ε_abs + ε_rel·…} tolerances, and
 * optionally balances the residuals by changing ρ (§3.4.1), telling the sites how to rescale their
 * duals.
 *
 * <p>A round's aggregate describes the iterate formed from the previous round: the sites' previous
 * {@code x_k} against the z just sent (primal residual), the change from the z before (dual
 * residual {@code ρ√N·||z − z_prev||}), and the loss at the z just sent. So when the rule is met
 * the answer is the z just sent, with its exact objective.
 *
 * <p>A sequence of problems (a regularization path) runs on one engine: after one is solved,
 * {@link #nextProblem} continues from the sites' state with the next penalty, a warm start for
 * both z and the duals. Deterministic: it depends only on its inputs, not on where it runs.
 */
public final class ConsensusHub {
    /** Residual balancing (Boyd §3.4.1): change ρ when one residual exceeds the other this many times... */
    private static final double BALANCE_RATIO = 10;
    /** ...by this factor. */
    private static final double BALANCE_FACTOR = 2;

    private final AdmmControl control;
    private final int p;
    private double[] zSent;
    private double[] zBefore;
    private double rhoSent;
    private double rhoUsed;
    private boolean resetSent;
    private int iterations;
    private double[] lastSum;
    private int lastSites;
    private double lastPrimal = Double.NaN;
    private double lastDual = Double.NaN;
    /** Anderson acceleration's memory (0: off) and its state. */
    private final int anderson;
    private final AndersonMixer mixer;
    /** With Anderson acceleration: the round of the last change of ρ, and how many changes this problem has had. */
    private int lastRhoChange;
    private int rhoChanges;

    /** An engine starting from the analyst's ρ, else {@link AdmmControl#DEFAULT_RHO}. */
    public ConsensusHub(AdmmControl control, int p) {
        this(control, p, AdmmControl.DEFAULT_RHO);
    }

    /**
     * An engine starting from the analyst's ρ, else {@code suggestedRho}: ADMM converges fastest
     * when ρ is near the curvature of the sites' losses, which the method knows (e.g. 1 for a least-
     * squares loss on standardized columns, ȳ(1 − ȳ) for a logistic one).
     */
    public ConsensusHub(AdmmControl control, int p, double suggestedRho) {
        this.control = control;
        this.p = p;
        this.rhoSent = control.initialRho(suggestedRho);
        this.rhoUsed = rhoSent;
        this.anderson = control.anderson();
        this.mixer = anderson > 0 ? new AndersonMixer(anderson) : null;
    }

    /** The Anderson memory the sites must keep (0: off). */
    public int anderson() {
        return anderson;
    }

    /** What {@link #next} decided: another round with this request, or the problem solved. */
    public sealed interface Progress {
        /** Another round; the engine's entries are in the request builder. */
        record Continue(Payload.Builder request) implements Progress {
        }

        /** The problem is solved (or ran out of iterations: {@link Solution#converged()} says which). */
        record Finished(Solution solution) implements Progress {
        }
    }

    /** The first round of a fresh problem from {@code z0}: sites start with zero duals. */
    public Payload.Builder start(double[] z0, Payload.Builder out) {
        if (z0.length != p) {
            throw new IllegalArgumentException("ADMM: start of length " + z0.length + ", expected " + p);
        }
        zSent = z0.clone();
        zBefore = null;
        iterations = 0;
        lastRhoChange = 0;
        rhoChanges = 0;
        resetSent = true;
        if (mixer != null) {
            mixer.clear();
        }
        return request(out, 1, true);
    }

    /** The consensus z of the latest request: the point the next aggregate's loss describes. */
    public double[] consensus() {
        return zSent.clone();
    }

    /** Folds one round's aggregate: stop, or the next z (and ρ) for the sites. */
    public Progress next(Aggregate a, ConsensusProx prox, Payload.Builder out) {
        return next(a, prox, out, false);
    }

    /**
     * As {@link #next(Aggregate, ConsensusProx, Payload.Builder)}, but {@code certified} stops here
     * whatever the residuals say: the method has proved its own stopping rule at {@link
     * #consensus()} (e.g. a duality gap within its tolerance), and the answer is that z.
     */
    public Progress next(Aggregate a, ConsensusProx prox, Payload.Builder out, boolean certified) {
        lastSites = a.sites().size();
        lastSum = a.sum(ConsensusSteps.X_PLUS_U);
        double[] gramRow = null;
        if (mixer != null) {
            gramRow = a.sum(ConsensusSteps.RESIDUAL_GRAM);
            mixer.add(lastSum, gramRow);
        }
        double loss = a.scalar(ConsensusSteps.LOSS);
        if (!resetSent) {
            double n = lastSites;
            // Consecutive iterates' residuals (Boyd §3.3): the stopping rule's, and residual balancing's.
            lastPrimal = Math.sqrt(a.scalar(ConsensusSteps.PRIMAL_SQ));
            lastDual = rhoUsed * Math.sqrt(n) * distance(zSent, zBefore);
            double primal = lastPrimal;
            double dual = lastDual;
            if (mixer != null) {
                // Accelerated, consecutive points need not be consecutive ADMM iterates, so the rule
                // reads the residuals of the point just evaluated: its local solutions against its z,
                // and the plain z-update from it against its z.
                primal = Math.sqrt(Math.max(gramRow[2 * anderson], 0)) / control.relaxation();
                dual = rhoSent * Math.sqrt(n) * distance(zUpdate(prox, lastSum), zSent);
            }
            double floor = Math.sqrt(p * n) * control.epsAbs();
            double epsPrimal = floor + control.epsRel() * Math.max(Math.sqrt(a.scalar(ConsensusSteps.X_SQ)),
                    Math.sqrt(n) * norm(zSent));
            double epsDual = floor + control.epsRel() * rhoSent * Math.sqrt(a.scalar(ConsensusSteps.U_SQ));
            if (primal <= epsPrimal && dual <= epsDual) {
                lastPrimal = primal;
                lastDual = dual;
                return new Progress.Finished(solution(true, loss, prox));
            }
        }
        if (certified) {
            return new Progress.Finished(solution(true, loss, prox));
        }
        if (iterations >= control.maxIterations()) {
            return new Progress.Finished(solution(false, loss, prox));
        }
        return new Progress.Continue(advance(prox, out, true));
    }

    /**
     * The first round of the next problem (a new penalty) after {@link #next} finished one: the
     * z-update from the last aggregate with the new penalty; sites keep their x and u.
     */
    public Payload.Builder nextProblem(ConsensusProx prox, Payload.Builder out) {
        if (lastSum == null) {
            throw new IllegalStateException("ADMM: no problem solved yet");
        }
        iterations = 0;
        lastRhoChange = 0;
        rhoChanges = 0;
        if (mixer != null) {
            mixer.clear();
        }
        return advance(prox, out, false);
    }

    private Payload.Builder advance(ConsensusProx prox, Payload.Builder out, boolean balance) {
        double rho = rhoSent;
        if (balance && control.balanceResiduals() && !resetSent
                && (mixer == null || iterations - lastRhoChange >= balancingPause())) {
            if (lastPrimal > BALANCE_RATIO * lastDual) {
                rho = rhoSent * BALANCE_FACTOR;
            } else if (lastDual > BALANCE_RATIO * lastPrimal) {
                rho = rhoSent / BALANCE_FACTOR;
            }
        }
        double[] base = lastSum;
        AndersonMixer.Mix mix = null;
        if (mixer != null) {
            if (rho != rhoSent) {
                mixer.clear();
            } else {
                mix = mixer.next();
                if (mix != null) {
                    base = mix.sum();
                }
            }
        }
        double[] z = zUpdate(prox, base);
        double scale = rhoSent / rho;
        if (rho != rhoSent) {
            lastRhoChange = iterations;
            rhoChanges++;
        }
        zBefore = zSent;
        zSent = z;
        rhoUsed = rhoSent;
        rhoSent = rho;
        iterations++;
        resetSent = false;
        if (mix != null) {
            out.put(ConsensusSteps.MIX, mix.weights());
        }
        return request(out, scale, false);
    }

    /** The z-update from the sites' summed points: the penalty's proximal step at their mean, weight Nρ. */
    private double[] zUpdate(ConsensusProx prox, double[] sum) {
        double[] mean = new double[p];
        for (int j = 0; j < p; j++) {
            mean[j] = sum[j] / lastSites;
        }
        return prox.prox(mean, lastSites * rhoSent);
    }

    /**
     * With Anderson acceleration, the rounds ρ must stay put after its latest change: (m + 1)·2^(j−1)
     * after the j-th. A change of ρ changes the map being accelerated, so the memory starts afresh,
     * and the consecutive points' residuals that balancing reads jump with each extrapolation; left
     * free, ρ wandered between 1 and 256 for 5,000 rounds on a warm svm refit (three sites of 1,500
     * synthetic rows, C = 1, 20 rows removed) that the plain engine finishes in 648. Doubling pauses
     * allow only logarithmically many changes, so ρ settles.
     */
    private int balancingPause() {
        return rhoChanges == 0 ? 0 : (anderson + 1) << Math.min(rhoChanges - 1, 20);
    }

    private Payload.Builder request(Payload.Builder out, double scale, boolean reset) {
        if (anderson > 0) {
            out.put(ConsensusSteps.ANDERSON, anderson);
        }
        return out.put(ConsensusSteps.Z, zSent.clone()).put(ConsensusSteps.RHO, rhoSent).put(ConsensusSteps.U_SCALE, scale)
                .put(ConsensusSteps.RELAXATION, control.relaxation()).put(ConsensusSteps.RESET, reset ? 1 : 0);
    }

    private Solution solution(boolean converged, double loss, ConsensusProx prox) {
        return new Solution(zSent, iterations, lastPrimal, lastDual, rhoSent, converged, loss, loss + prox.value(zSent));
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
