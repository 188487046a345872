package org.medfed.methods.admm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.medfed.error.UsageException;

/**
 * How the consensus ADMM iterates; part of a method's parameters (serializes to JSON). A zero
 * field means its default, so that a job written without these fields gets the defaults.
 *
 * @param rho              the initial penalty parameter ρ; 0 leaves it to the method (see
 *                         {@link ConsensusHub#ConsensusHub(AdmmControl, int, double)}), else 1
 * @param epsAbs           absolute tolerance of the primal and dual residuals (Boyd §3.3.1)
 * @param epsRel           relative tolerance of the primal and dual residuals
 * @param maxIterations    the most z-updates per problem (per λ of a path)
 * @param relaxation       over-relaxation α in (0, 2) (Boyd §3.4.3); 1 is plain ADMM
 * @param balanceResiduals true balances the residuals (Boyd §3.4.1: ρ doubles when the primal
 *                         residual is 10 times the dual, halves in the opposite case); false (the
 *                         default) keeps ρ fixed. Off by default because, with ρ started near the
 *                         losses' curvature, balancing rarely moves it and where it does it hurts:
 *                         a warm start that is already optimal (a path's first λ) has a vanishing
 *                         dual residual, so balancing drives ρ up and every later problem slows down
 *                         (measured on a 30-λ logistic path: 1,712 iterations fixed, over 10,000 balanced)
 * @param anderson         the memory m of Anderson acceleration (type II, safeguarded; see {@link
 *                         AndersonMixer}); 0 (the default) is plain ADMM. The sites then also keep
 *                         their last m + 1 points and release the summed inner products of their
 *                         fixed-point residuals ({@link ConsensusSteps#RESIDUAL_GRAM}), and the
 *                         residual rule reads the residuals of each evaluated point
 */
public record AdmmControl(double rho, double epsAbs, double epsRel, int maxIterations, double relaxation,
                          boolean balanceResiduals, int anderson) {

    /** The most Anderson memory accepted (its least squares is m × m; only m = 3 to 12 were measured, on svm). */
    public static final int MAX_ANDERSON = 20;

    /** ρ when neither the analyst nor the method chooses one. */
    public static final double DEFAULT_RHO = 1;
    public static final double DEFAULT_EPS_ABS = 1e-10;
    public static final double DEFAULT_EPS_REL = 1e-8;
    public static final int DEFAULT_MAX_ITERATIONS = 5000;
    public static final double DEFAULT_RELAXATION = 1.6;

    public AdmmControl {
        if (epsAbs == 0) {
            epsAbs = DEFAULT_EPS_ABS;
        }
        if (epsRel == 0) {
            epsRel = DEFAULT_EPS_REL;
        }
        if (maxIterations == 0) {
            maxIterations = DEFAULT_MAX_ITERATIONS;
        }
        if (relaxation == 0) {
            relaxation = DEFAULT_RELAXATION;
        }
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new UsageException("ADMM: rho must be a positive number, not " + rho);
        }
        if (!(epsAbs > 0) || !(epsRel >= 0) || Double.isInfinite(epsAbs) || Double.isInfinite(epsRel)) {
            throw new UsageException("ADMM: the tolerances must be positive numbers (abs " + epsAbs + ", rel " + epsRel + ")");
        }
        if (maxIterations < 1) {
            throw new UsageException("ADMM: the maximum number of iterations must be at least 1, not " + maxIterations);
        }
        if (!(relaxation > 0 && relaxation < 2)) {
            throw new UsageException("ADMM: the over-relaxation must be in (0, 2), not " + relaxation);
        }
        if (anderson < 0 || anderson > MAX_ANDERSON) {
            throw new UsageException("ADMM: the Anderson memory must be between 0 (off) and " + MAX_ANDERSON + ", not " + anderson);
        }
    }

    /** Without Anderson acceleration. */
    public AdmmControl(double rho, double epsAbs, double epsRel, int maxIterations, double relaxation,
                       boolean balanceResiduals) {
        this(rho, epsAbs, epsRel, maxIterations, relaxation, balanceResiduals, 0);
    }

    /** The same control starting from ρ = {@code rho} (0: the method's choice). */
    public AdmmControl withRho(double rho) {
        return new AdmmControl(rho, epsAbs, epsRel, maxIterations, relaxation, balanceResiduals, anderson);
    }

    /** The same control with Anderson memory {@code m} (0: off). */
    public AdmmControl withAnderson(int m) {
        return new AdmmControl(rho, epsAbs, epsRel, maxIterations, relaxation, balanceResiduals, m);
    }

    /** The initial ρ: the analyst's, else the method's suggestion, else {@link #DEFAULT_RHO}. */
    public double initialRho(double suggested) {
        return rho > 0 ? rho : suggested > 0 ? suggested : DEFAULT_RHO;
    }

    /** The defaults. */
    public static AdmmControl defaults() {
        return new AdmmControl(0, 0, 0, 0, 0, false);
    }

    /** The stopping and step settings into a result's {@code options} (ρ is left to the method: who chose it differs). */
    public void putOptions(ObjectNode options) {
        options.put("eps_abs", epsAbs);
        options.put("eps_rel", epsRel);
        options.put("max_iterations", maxIterations);
        options.put("relaxation", relaxation);
        options.put("balance_residuals", balanceResiduals);
        options.put("anderson", anderson);
    }
}
