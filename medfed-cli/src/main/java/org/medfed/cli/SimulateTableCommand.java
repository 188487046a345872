package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.describe.TableMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate table}: every site in-process. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "One- or two-way contingency table of factor (or integer-coded) columns; equal to R's table() on the pooled rows, with chi-squared and Fisher's exact tests (and for 2x2 the risk difference and odds ratio) computed from the pooled counts.")
final class SimulateTableCommand implements Callable<Integer> {
    @Mixin
    TableOptions table = new TableOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Override
    public Integer call() {
        return simulate.run(new TableMethod(), table.parameters());
    }
}
