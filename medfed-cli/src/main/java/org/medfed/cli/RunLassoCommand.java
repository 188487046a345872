package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.penalized.PenalizedMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed run lasso}: the model of {@code simulate lasso}, on the sites connected to a hub. */
@Command(name = "lasso", mixinStandardHelpOptions = true,
        description = "Lasso (L1-penalized) gaussian or binomial regression with glmnet's objective by consensus "
                + "ADMM on a hub's sites; the same result as simulate lasso.")
final class RunLassoCommand implements Callable<Integer> {
    @Option(names = "--family", defaultValue = "gaussian", paramLabel = "FAMILY",
            description = "gaussian or binomial (a 0/1 outcome). Default: ${DEFAULT-VALUE}.")
    String family;

    @Mixin
    PenalizedOptions penalized = new PenalizedOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(PenalizedMethod.lasso(), penalized.parameters(family, 1)));
    }
}
