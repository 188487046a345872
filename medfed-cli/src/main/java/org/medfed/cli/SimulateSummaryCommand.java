package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.describe.SummaryMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate summary}: every site in-process. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Per-column descriptive statistics: n, missing, mean, sd and variance, quantiles (type 7, to a stated precision), min/max where site policy allows, and histogram counts of numeric columns; level counts of factors; equal to R on the pooled rows.")
final class SimulateSummaryCommand implements Callable<Integer> {
    @Mixin
    SummaryOptions summary = new SummaryOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return simulate.run(new SummaryMethod(), summary.parameters(), plot);
    }
}
