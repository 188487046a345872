package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.describe.TTestMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate ttest}: every site in-process. */
@Command(name = "ttest", mixinStandardHelpOptions = true,
        description = "Two-sample t-test of a numeric column between the two levels of a group, Welch's (default) or pooled (--var-equal); equal to R's t.test() on the pooled rows.")
final class SimulateTTestCommand implements Callable<Integer> {
    @Mixin
    TTestOptions ttest = new TTestOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Override
    public Integer call() {
        return simulate.run(new TTestMethod(), ttest.parameters());
    }
}
