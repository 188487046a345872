package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.penalized.PenalizedMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed run elasticnet}: the model of {@code simulate elasticnet}, on the sites connected to a hub. */
@Command(name = "elasticnet", mixinStandardHelpOptions = true,
        description = "Elastic-net penalized gaussian or binomial regression with glmnet's objective by "
                + "consensus ADMM on a hub's sites; the same result as simulate elasticnet.")
final class RunElasticnetCommand implements Callable<Integer> {
    @Option(names = "--family", defaultValue = "gaussian", paramLabel = "FAMILY",
            description = "gaussian or binomial (a 0/1 outcome). Default: ${DEFAULT-VALUE}.")
    String family;

    @Option(names = "--alpha", required = true, paramLabel = "A",
            description = "Elastic-net mixing in [0, 1]: 1 the lasso, 0 ridge.")
    double alpha;

    @Mixin
    PenalizedOptions penalized = new PenalizedOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(PenalizedMethod.elasticnet(), penalized.parameters(family, alpha)));
    }
}
