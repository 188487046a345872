package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.km.KmMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run km}: the {@code simulate km} analysis, on the sites connected to a hub. */
@Command(name = "km", mixinStandardHelpOptions = true,
        description = "Kaplan-Meier survival curves per group, equal to R's survfit() on the pooled rows: per time n.risk, n.event, n.censor, survival, Greenwood standard error and log-scale confidence limits; median survival with its interval. Sites release their distinct times (the hub learns every event and censoring time), then event and censoring counts per time. On a hub's sites.")
final class RunKmCommand implements Callable<Integer> {
    @Mixin
    KmOptions options = new KmOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new KmMethod(), options.parameters()), plot);
    }
}
