package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate glm}: a federated GLM over site files, with every site in-process. */
@Command(name = "glm", mixinStandardHelpOptions = true,
        description = "Generalized linear model by federated Newton-Raphson (IRLS); equals R's glm on the pooled rows.")
final class SimulateGlmCommand implements Callable<Integer> {
    @Mixin
    GlmOptions glm = new GlmOptions();

    @Mixin
    SiteOptions sites = new SiteOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @picocli.CommandLine.Option(names = "--secure-aggregation", description = "Compute every sum by secure "
            + "aggregation (pairwise masks; the hub side learns only totals), as a deployment does.")
    boolean secureAggregation;

    @Mixin
    DpOptions dp = new DpOptions();

    @Override
    public Integer call() throws java.io.IOException {
        var parameters = glm.parameters();
        dp.noise(); // a bad --dp before any file is read
        Simulator simulator = Simulator.load(sites.files(), output.progress());
        Simulation sim = DpSimulation.run(simulator.withSecureAggregation(secureAggregation), dp,
                s -> s.run(new GlmMethod(), parameters, sites.where));
        output.emit(sim.toJson(), sim.result().toText(), System.out);
        for (String w : sim.result().warnings()) {
            if (output.json) {
                System.err.println("Warning: " + w);
            }
        }
        return 0;
    }
}
