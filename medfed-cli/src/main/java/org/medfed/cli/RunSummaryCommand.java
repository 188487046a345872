package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.describe.SummaryMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run summary}: the summary of {@code simulate summary}, on the sites connected to a hub. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Per-column descriptive statistics: n, missing, mean, sd and variance, quantiles (type 7, to a stated precision), min/max where site policy allows, and histogram counts of numeric columns; level counts of factors; equal to R on the pooled rows. On a hub's sites.")
final class RunSummaryCommand implements Callable<Integer> {
    @Mixin
    SummaryOptions summary = new SummaryOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new SummaryMethod(), summary.parameters()), plot);
    }
}
