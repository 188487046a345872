package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.analyst.AnalystClient;
import org.medfed.transport.proto.JobRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code medfed result JOB}: a past job's result, as {@code run} printed it. */
@Command(name = "result", mixinStandardHelpOptions = true, description = "Fetch a past job's result from the hub.")
final class ResultCommand implements Callable<Integer> {
    @Mixin
    HubOptions hub = new HubOptions();

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id (medfed jobs lists them).")
    String job;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        plot.prepare();
        JobRecord record;
        try (AnalystClient client = hub.connect()) {
            record = client.job(job);
        }
        return JobOutput.print(record, output, plot);
    }
}
