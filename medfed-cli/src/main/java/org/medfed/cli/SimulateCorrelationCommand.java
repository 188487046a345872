package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.describe.CorrelationMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate correlation}: every site in-process. */
@Command(name = "correlation", mixinStandardHelpOptions = true,
        description = "Pearson correlation matrix of numeric columns over the rows complete in all of them, with each pair's t-test and Fisher-z interval; equal to R's cor() and cor.test() on the pooled rows.")
final class SimulateCorrelationCommand implements Callable<Integer> {
    @Mixin
    CorrelationOptions correlation = new CorrelationOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Override
    public Integer call() {
        return simulate.run(new CorrelationMethod(), correlation.parameters());
    }
}
