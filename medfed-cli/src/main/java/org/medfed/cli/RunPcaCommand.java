package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.pca.PcaMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run pca}: the PCA of {@code simulate pca}, on the sites connected to a hub. */
@Command(name = "pca", mixinStandardHelpOptions = true,
        description = "Principal components of numeric columns over the rows complete in all of them (covariance, or correlation with --scale); equal to R's prcomp() on the pooled rows. Scores stay at the sites. On a hub's sites.")
final class RunPcaCommand implements Callable<Integer> {
    @Mixin
    PcaOptions pca = new PcaOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new PcaMethod(), pca.parameters()), plot);
    }
}
