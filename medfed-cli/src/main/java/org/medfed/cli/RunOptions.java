package org.medfed.cli;

import java.util.List;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.transport.proto.JobRecord;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every {@code run METHOD} command shares besides the method's own options: the hub, the
 * dataset, the sites and row filter, the output and DP noise; and submitting a job with them.
 */
final class RunOptions {
    @Mixin
    HubOptions hub = new HubOptions();

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "The dataset name the sites announce.")
    String dataset;

    @Option(names = "--sites", split = ",", paramLabel = "NAME", description = "Sites to include, in this order "
            + "(default: every connected site with the dataset, by name).")
    List<String> sites = List.of();

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Row filter applied at each site, R subset() syntax, e.g. \"age >= 18 & smoke == 1\".")
    String where;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    DpOptions dp = new DpOptions();

    /** Submits the job, reports its progress on stderr and prints its result; the exit code. */
    int submit(Invocation<?> invocation) {
        return submit(invocation, PlotOptions.NONE);
    }

    /** As {@link #submit(Invocation)}, then draws the result's figures if {@code --plot} asks. */
    int submit(Invocation<?> invocation, PlotOptions plot) {
        plot.prepare();
        try (AnalystClient client = hub.connect()) {
            Progress progress = Progress.onStderr();
            JobRecord record = client.submit(invocation, dataset, where, sites, dp.noise(), progress::accept);
            return JobOutput.print(record, output, plot);
        }
    }
}
