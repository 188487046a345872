package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.glm.GlmMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate glm}: a federated GLM over site files, with every site in-process. */
@Command(name = "glm", mixinStandardHelpOptions = true,
        description = "Generalized linear model by federated Newton-Raphson (IRLS); equals R's glm on the pooled rows.")
final class SimulateGlmCommand implements Callable<Integer> {
    @Mixin
    GlmOptions glm = new GlmOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return simulate.run(new GlmMethod(), glm.parameters(), plot);
    }
}
