package org.medfed.cli;

import org.medfed.error.UsageException;
import org.medfed.methods.admm.AdmmControl;
import picocli.CommandLine.Option;

/**
 * How an svm fit runs its consensus ADMM and when it stops: shared by {@code simulate|run svm}
 * and {@code benchmark svm-online}, so that the benchmark takes the options a fit takes.
 */
final class SvmAdmmOptions {
    @Option(names = "--rho", paramLabel = "RHO",
            description = "Initial ADMM penalty parameter. Default: 1, or the final one of the --warm-start fit.")
    double rho;

    @Option(names = "--eps-abs", defaultValue = "1e-10", paramLabel = "EPS",
            description = "Absolute tolerance of the primal and dual residuals (Boyd et al. 2011, 3.3.1). Default: ${DEFAULT-VALUE}.")
    double epsAbs;

    @Option(names = "--eps-rel", defaultValue = "1e-8", paramLabel = "EPS",
            description = "Relative tolerance of the primal and dual residuals. Default: ${DEFAULT-VALUE}.")
    double epsRel;

    @Option(names = "--gap-tolerance", defaultValue = "0", paramLabel = "G",
            description = "Also stop as soon as the duality gap proves the objective within this fraction of the optimum "
                    + "(e.g. 1e-6), before the residuals meet --eps-abs/--eps-rel. Every fit reports its gap. "
                    + "Default: 0 (stop on the residuals only).")
    double gapTolerance;

    @Option(names = "--max-iterations", defaultValue = "5000", paramLabel = "N",
            description = "Most ADMM rounds. Default: ${DEFAULT-VALUE}.")
    int maxIterations;

    @Option(names = "--relaxation", defaultValue = "1.6", paramLabel = "A",
            description = "Over-relaxation in (0, 2); 1 is plain ADMM. Default: ${DEFAULT-VALUE}.")
    double relaxation;

    @Option(names = "--balance-residuals", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Adapt rho by residual balancing (Boyd et al. 2011, 3.4.1). Default: on for svm (the hinge loss "
                    + "has no curvature to choose rho from, and the best fixed rho changes with C); "
                    + "--no-balance-residuals keeps rho fixed.")
    boolean balanceResiduals;

    @Option(names = "--anderson", defaultValue = "0", paramLabel = "M",
            description = "Anderson acceleration of the ADMM with memory M (e.g. 5): each round the hub combines the last "
                    + "M + 1 rounds' points so as to cancel their fixed-point residuals, safeguarded; the sites then also "
                    + "release the summed inner products of those residuals. Default: ${DEFAULT-VALUE} (off).")
    int anderson;

    /** The ADMM control these options describe; refuses a negative or infinite ρ. */
    AdmmControl control() {
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new UsageException("--rho must be a positive number, got " + rho);
        }
        return new AdmmControl(rho, epsAbs, epsRel, maxIterations, relaxation, balanceResiduals, anderson);
    }
}
