package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.penalized.PenalizedMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code medfed simulate admm-logistic}: l2-penalized (ridge) logistic regression with glmnet's objective
 * (alpha 0) by consensus ADMM over site files, every site in-process.
 */
@Command(name = "admm-logistic", mixinStandardHelpOptions = true,
        description = "L2-penalized (ridge) logistic regression with glmnet's objective (alpha 0) by consensus "
                + "ADMM; sites release only sums.")
final class SimulateAdmmLogisticCommand implements Callable<Integer> {
    @Mixin
    PenalizedOptions penalized = new PenalizedOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Override
    public Integer call() {
        return simulate.run(PenalizedMethod.admmLogistic(), penalized.parameters("binomial", 0));
    }
}
