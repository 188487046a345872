package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.km.LogrankMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate logrank}: every site in-process. */
@Command(name = "logrank", mixinStandardHelpOptions = true,
        description = "Log-rank test of equal survival across groups, equal to R's survdiff() on the pooled rows: observed and expected events per group, chi-squared, df and p. Sites release their distinct times, then event and censoring counts per time.")
final class SimulateLogrankCommand implements Callable<Integer> {
    @Mixin
    LogrankOptions options = new LogrankOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Override
    public Integer call() {
        return simulate.run(new LogrankMethod(), options.parameters());
    }
}
