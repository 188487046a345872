package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.penalized.PenalizedMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run admm-logistic}: the model of {@code simulate admm-logistic}, on the sites connected to a hub. */
@Command(name = "admm-logistic", mixinStandardHelpOptions = true,
        description = "L2-penalized (ridge) logistic regression with glmnet's objective (alpha 0) by consensus "
                + "ADMM on a hub's sites; the same result as simulate admm-logistic.")
final class RunAdmmLogisticCommand implements Callable<Integer> {
    @Mixin
    PenalizedOptions penalized = new PenalizedOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(PenalizedMethod.admmLogistic(), penalized.parameters("binomial", 0)));
    }
}
