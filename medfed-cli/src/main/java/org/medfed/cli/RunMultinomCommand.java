package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.multinom.MultinomMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run multinom}: the multinomial model of {@code simulate multinom}, on the sites connected to a hub. */
@Command(name = "multinom", mixinStandardHelpOptions = true,
        description = "Multinomial logistic regression by federated Newton-Raphson on a hub's sites; "
                + "the same result as simulate multinom.")
final class RunMultinomCommand implements Callable<Integer> {
    @Mixin
    MultinomOptions multinom = new MultinomOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new MultinomMethod(), multinom.parameters()), plot);
    }
}
