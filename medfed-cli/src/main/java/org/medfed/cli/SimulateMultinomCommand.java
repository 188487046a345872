package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.multinom.MultinomMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate multinom}: a federated multinomial logistic regression over site files, every site in-process. */
@Command(name = "multinom", mixinStandardHelpOptions = true,
        description = "Multinomial logistic regression by federated Newton-Raphson; the maximum-likelihood fit of "
                + "R's nnet::multinom on the pooled rows.")
final class SimulateMultinomCommand implements Callable<Integer> {
    @Mixin
    MultinomOptions multinom = new MultinomOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return simulate.run(new MultinomMethod(), multinom.parameters(), plot);
    }
}
