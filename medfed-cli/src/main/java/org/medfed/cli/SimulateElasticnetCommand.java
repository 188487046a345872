package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.penalized.PenalizedMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medfed simulate elasticnet}: elastic-net penalized gaussian or binomial regression with glmnet's
 * objective by consensus ADMM over site files, every site in-process.
 */
@Command(name = "elasticnet", mixinStandardHelpOptions = true,
        description = "Elastic-net penalized gaussian or binomial regression with glmnet's objective by "
                + "consensus ADMM; sites release only sums.")
final class SimulateElasticnetCommand implements Callable<Integer> {
    @Option(names = "--family", defaultValue = "gaussian", paramLabel = "FAMILY",
            description = "gaussian or binomial (a 0/1 outcome). Default: ${DEFAULT-VALUE}.")
    String family;

    @Option(names = "--alpha", required = true, paramLabel = "A",
            description = "Elastic-net mixing in [0, 1]: 1 the lasso, 0 ridge.")
    double alpha;

    @Mixin
    PenalizedOptions penalized = new PenalizedOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Override
    public Integer call() {
        return simulate.run(PenalizedMethod.elasticnet(), penalized.parameters(family, alpha));
    }
}
