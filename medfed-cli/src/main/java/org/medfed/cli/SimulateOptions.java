package org.medfed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.medfed.method.MethodDefinition;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every {@code simulate METHOD} command shares besides the method's own options: the sites
 * and row filter, the output, secure aggregation and DP noise; and running the method with them.
 */
final class SimulateOptions {
    @Mixin
    SiteOptions sites = new SiteOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--secure-aggregation", description = "Compute every sum by secure "
            + "aggregation (pairwise masks; the hub side learns only totals), as a deployment does.")
    boolean secureAggregation;

    @Mixin
    DpOptions dp = new DpOptions();

    @Option(names = "--dp-budget", defaultValue = "10", paramLabel = "EPS",
            description = "With --dp: each simulated site's privacy budget for this run (default ${DEFAULT-VALUE}, "
                    + "delta 1e-5). Deployed sites keep their own budgets in their ledgers.")
    double dpBudget;

    /** Runs {@code method} over the sites' files and prints its result; the exit code. */
    <P> int run(MethodDefinition<P> method, P parameters) {
        return run(method, parameters, PlotOptions.NONE);
    }

    /** As {@link #run(MethodDefinition, Object)}, then draws the result's figures if {@code --plot} asks. */
    <P> int run(MethodDefinition<P> method, P parameters, PlotOptions plot) {
        dp.noise(); // a bad --dp before any file is read
        plot.prepare();
        Simulator simulator = Simulator.load(sites.files(), output.progress());
        Simulation sim = DpSimulation.run(simulator.withSecureAggregation(secureAggregation), dp, dpBudget,
                s -> s.run(method, parameters, sites.where));
        ObjectNode json = sim.toJson();
        output.emit(json, sim.result().toText(), System.out);
        if (output.json) {
            sim.result().warnings().forEach(w -> System.err.println("Warning: " + w));
        }
        plot.write(json);
        return 0;
    }
}
