package org.medfed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.medfed.error.MedfedException;
import org.medfed.transport.proto.JobRecord;

/** Prints a finished job's result as {@code simulate} would, or fails with the job's error. */
final class JobOutput {
    private JobOutput() {
    }

    static int print(JobRecord record, OutputOptions output) {
        return print(record, output, PlotOptions.NONE);
    }

    /** As {@link #print(JobRecord, OutputOptions)}, then draws the result's figures if {@code --plot} asks. */
    static int print(JobRecord record, OutputOptions output, PlotOptions plot) {
        switch (record.getStatus()) {
            case "succeeded" -> {
                ObjectNode json;
                try {
                    json = (ObjectNode) OutputOptions.JSON.readTree(record.getResultJson());
                } catch (IOException e) {
                    throw new MedfedException("job " + record.getJob() + ": the hub returned an unreadable result", e);
                }
                output.emit(json, record.getResultText(), System.out);
                if (output.json) {
                    record.getWarningsList().forEach(w -> System.err.println("Warning: " + w));
                }
                plot.write(json);
                return 0;
            }
            case "running" -> throw new MedfedException("job " + record.getJob() + " is still running");
            default -> throw new MedfedException("job " + record.getJob() + " " + record.getStatus() + ": "
                    + record.getError());
        }
    }
}
