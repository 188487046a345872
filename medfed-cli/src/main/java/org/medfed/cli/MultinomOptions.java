package org.medfed.cli;

import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;
import org.medfed.methods.multinom.MultinomParameters;
import picocli.CommandLine.Option;

/** The options of a multinomial logistic regression job, shared by {@code simulate multinom} and {@code run multinom}. */
final class MultinomOptions {
    @Option(names = {"--formula", "-f"}, required = true, paramLabel = "FORMULA",
            description = "Model formula whose response column is read as a factor, e.g. \"race ~ age + lwt + smoke\".")
    String formula;

    @Option(names = "--reference", paramLabel = "LEVEL",
            description = "Baseline level of the response (nnet: the first level). Default: the first level, "
                    + "in --levels order or sorted as R sorts.")
    String reference;

    @Option(names = "--levels", paramLabel = "FACTOR=L1,L2,...",
            description = "Level order of a factor, the response included (first = reference; R's factor(x, levels = ...)); "
                    + "e.g. race=white,black,other. Repeatable. Default: sorted as R sorts.")
    List<String> levels = new ArrayList<>();

    @Option(names = "--conf-level", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Confidence level of the Wald intervals. Default: ${DEFAULT-VALUE}.")
    double confLevel;

    @Option(names = "--epsilon", defaultValue = "1e-10", paramLabel = "EPS",
            description = "Convergence tolerance: stop when no Newton step exceeds EPS * (1 + |coefficient|). "
                    + "Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--maxit", defaultValue = "100", paramLabel = "N",
            description = "Maximum Newton-Raphson iterations. Default: ${DEFAULT-VALUE}.")
    int maxit;

    MultinomParameters parameters() {
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("--conf-level must be between 0 and 1, got " + confLevel);
        }
        if (!(epsilon > 0)) {
            throw new UsageException("--epsilon must be positive, got " + epsilon);
        }
        if (maxit < 1) {
            throw new UsageException("--maxit must be at least 1, got " + maxit);
        }
        return new MultinomParameters(formula, reference, GlmOptions.parseLevels(levels), confLevel, epsilon, maxit);
    }
}
