package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.pca.PcaMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate pca}: every site in-process. */
@Command(name = "pca", mixinStandardHelpOptions = true,
        description = "Principal components of numeric columns over the rows complete in all of them (covariance, or correlation with --scale); equal to R's prcomp() on the pooled rows. Scores stay at the sites.")
final class SimulatePcaCommand implements Callable<Integer> {
    @Mixin
    PcaOptions pca = new PcaOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return simulate.run(new PcaMethod(), pca.parameters(), plot);
    }
}
