package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.describe.CorrelationMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run correlation}: the correlation of {@code simulate correlation}, on the sites connected to a hub. */
@Command(name = "correlation", mixinStandardHelpOptions = true,
        description = "Pearson correlation matrix of numeric columns over the rows complete in all of them, with each pair's t-test and Fisher-z interval; equal to R's cor() and cor.test() on the pooled rows. On a hub's sites.")
final class RunCorrelationCommand implements Callable<Integer> {
    @Mixin
    CorrelationOptions correlation = new CorrelationOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new CorrelationMethod(), correlation.parameters()));
    }
}
