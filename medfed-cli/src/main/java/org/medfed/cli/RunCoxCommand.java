package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.cox.CoxMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run cox}: the Cox model of {@code simulate cox}, on the sites connected to a hub. */
@Command(name = "cox", mixinStandardHelpOptions = true,
        description = "Cox proportional hazards by federated Newton-Raphson on a hub's sites; "
                + "the same result as simulate cox.")
final class RunCoxCommand implements Callable<Integer> {
    @Mixin
    CoxOptions cox = new CoxOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new CoxMethod(), cox.parameters()), plot);
    }
}
