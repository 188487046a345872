package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.describe.TableMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run table}: the table of {@code simulate table}, on the sites connected to a hub. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "One- or two-way contingency table of factor (or integer-coded) columns; equal to R's table() on the pooled rows, with chi-squared and Fisher's exact tests (and for 2x2 the risk difference and odds ratio) computed from the pooled counts. On a hub's sites.")
final class RunTableCommand implements Callable<Integer> {
    @Mixin
    TableOptions table = new TableOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new TableMethod(), table.parameters()));
    }
}
