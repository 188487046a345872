package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.describe.TTestMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run ttest}: the ttest of {@code simulate ttest}, on the sites connected to a hub. */
@Command(name = "ttest", mixinStandardHelpOptions = true,
        description = "Two-sample t-test of a numeric column between the two levels of a group, Welch's (default) or pooled (--var-equal); equal to R's t.test() on the pooled rows. On a hub's sites.")
final class RunTTestCommand implements Callable<Integer> {
    @Mixin
    TTestOptions ttest = new TTestOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new TTestMethod(), ttest.parameters()));
    }
}
