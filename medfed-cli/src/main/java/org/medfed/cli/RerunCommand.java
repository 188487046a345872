package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.analyst.AnalystClient;
import org.medfed.transport.proto.JobRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code medfed rerun JOB}: runs a past (e.g. interrupted) job again with the same inputs. */
@Command(name = "rerun", mixinStandardHelpOptions = true,
        description = "Run a past job again: same method, parameters, dataset, row filter and sites.")
final class RerunCommand implements Callable<Integer> {
    @Mixin
    HubOptions hub = new HubOptions();

    @Parameters(index = "0", paramLabel = "JOB", description = "The job to run again.")
    String job;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        try (AnalystClient client = hub.connect()) {
            JobRecord record = client.rerun(job, Progress.onStderr()::accept);
            return JobOutput.print(record, output);
        }
    }
}
