package org.medfed.cli;

import org.medfed.method.MethodDefinition;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every {@code simulate METHOD} command shares besides the method's own options: the sites
 * and row filter, the output, and secure aggregation; and running the method with them.
 */
final class SimulateOptions {
    @Mixin
    SiteOptions sites = new SiteOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--secure-aggregation", description = "Compute every sum by secure "
            + "aggregation (pairwise masks; the hub side learns only totals), as a deployment does.")
    boolean secureAggregation;

    /** Runs {@code method} over the sites' files and prints its result; the exit code. */
    <P> int run(MethodDefinition<P> method, P parameters) {
        Simulator simulator = Simulator.load(sites.files(), output.progress());
        Simulation sim = simulator.withSecureAggregation(secureAggregation).run(method, parameters, sites.where);
        output.emit(sim.toJson(), sim.result().toText(), System.out);
        if (output.json) {
            sim.result().warnings().forEach(w -> System.err.println("Warning: " + w));
        }
        return 0;
    }
}
