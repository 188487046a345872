package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run glm}: the GLM of {@code simulate glm}, on the sites connected to a hub. */
@Command(name = "glm", mixinStandardHelpOptions = true,
        description = "Generalized linear model by federated Newton-Raphson (IRLS) on a hub's sites; "
                + "the same result as simulate glm.")
final class RunGlmCommand implements Callable<Integer> {
    @Mixin
    GlmOptions glm = new GlmOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new GlmMethod(), glm.parameters()), plot);
    }
}
