package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.km.LogrankMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run logrank}: the {@code simulate logrank} analysis, on the sites connected to a hub. */
@Command(name = "logrank", mixinStandardHelpOptions = true,
        description = "Log-rank test of equal survival across groups, equal to R's survdiff() on the pooled rows: observed and expected events per group, chi-squared, df and p. Sites release their distinct times, then event and censoring counts per time. On a hub's sites.")
final class RunLogrankCommand implements Callable<Integer> {
    @Mixin
    LogrankOptions options = new LogrankOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new LogrankMethod(), options.parameters()));
    }
}
