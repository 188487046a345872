package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.penalized.PenalizedMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medfed simulate lasso}: lasso (L1-penalized) gaussian or binomial regression with glmnet's objective
 * by consensus ADMM over site files, every site in-process.
 */
@Command(name = "lasso", mixinStandardHelpOptions = true,
        description = "Lasso (L1-penalized) gaussian or binomial regression with glmnet's objective by consensus "
                + "ADMM; sites release only sums.")
final class SimulateLassoCommand implements Callable<Integer> {
    @Option(names = "--family", defaultValue = "gaussian", paramLabel = "FAMILY",
            description = "gaussian or binomial (a 0/1 outcome). Default: ${DEFAULT-VALUE}.")
    String family;

    @Mixin
    PenalizedOptions penalized = new PenalizedOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Override
    public Integer call() {
        return simulate.run(PenalizedMethod.lasso(), penalized.parameters(family, 1));
    }
}
