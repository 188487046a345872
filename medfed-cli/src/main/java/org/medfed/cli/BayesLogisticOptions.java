package org.medfed.cli;

import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;
import org.medfed.methods.bayes.BayesLogisticParameters;
import picocli.CommandLine.Option;

/** The options of a bayes-logistic job, shared by the simulate and run commands. */
final class BayesLogisticOptions {
    @Option(names = {"--formula", "-f"}, required = true, paramLabel = "FORMULA",
            description = "R model formula with a 0/1 response, e.g. \"low ~ age + lwt + race + smoke\".")
    String formula;

    @Option(names = "--prior-sd", required = true, paramLabel = "S",
            description = "Standard deviation of the N(0, S^2) prior on every coefficient, the intercept included.")
    double priorSd;

    @Option(names = "--levels", paramLabel = "FACTOR=L1,L2,...",
            description = "Level order of a factor, first = reference (R's factor(x, levels = ...)); "
                    + "e.g. race=white,black,other. Repeatable. Default: sorted as R sorts.")
    List<String> levels = new ArrayList<>();

    @Option(names = "--cred-level", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Probability of the central credible intervals. Default: ${DEFAULT-VALUE}.")
    double credLevel;

    @Option(names = "--damping", defaultValue = "0.5", paramLabel = "D",
            description = "Weight of each new moment-matched row term against the old one, in (0, 1]. Default: ${DEFAULT-VALUE}.")
    double damping;

    @Option(names = "--tolerance", defaultValue = "1e-8", paramLabel = "TOL",
            description = "Stop when no posterior mean moves by more than TOL posterior sds and no posterior sd changes "
                    + "by more than TOL relative. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--maxit", defaultValue = "200", paramLabel = "N",
            description = "Maximum EP sweeps. Default: ${DEFAULT-VALUE}.")
    int maxit;

    BayesLogisticParameters parameters() {
        if (!(credLevel > 0 && credLevel < 1)) {
            throw new UsageException("--cred-level must be between 0 and 1, got " + credLevel);
        }
        if (!(damping > 0 && damping <= 1)) {
            throw new UsageException("--damping must be in (0, 1], got " + damping);
        }
        if (!(tolerance > 0)) {
            throw new UsageException("--tolerance must be positive, got " + tolerance);
        }
        if (maxit < 1) {
            throw new UsageException("--maxit must be at least 1, got " + maxit);
        }
        if (!(priorSd > 0) || Double.isInfinite(priorSd)) {
            throw new UsageException("--prior-sd must be a positive number, got " + priorSd);
        }
        return new BayesLogisticParameters(formula, priorSd, GlmOptions.parseLevels(levels), credLevel, damping,
                tolerance, maxit);
    }
}
