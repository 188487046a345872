package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.cox.CoxMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate cox}: a federated Cox model over site files, with every site in-process. */
@Command(name = "cox", mixinStandardHelpOptions = true,
        description = "Cox proportional hazards by federated Newton-Raphson; equals R's coxph on the pooled rows "
                + "(with --stratify-by-site: coxph with strata(site)).")
final class SimulateCoxCommand implements Callable<Integer> {
    @Mixin
    CoxOptions cox = new CoxOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return simulate.run(new CoxMethod(), cox.parameters(), plot);
    }
}
