package org.medfed.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The columns of a survival job, shared by {@code km} and {@code logrank} in {@code simulate} and {@code run}. */
final class SurvivalOptions {
    @Option(names = "--time", required = true, paramLabel = "COLUMN",
            description = "Follow-up time (numeric, not negative).")
    String time;

    @Option(names = "--event", required = true, paramLabel = "COLUMN",
            description = "Status: 1 = event, 0 = censored (or TRUE/FALSE). Rows with a missing time or status are left out, as R's survfit does.")
    String event;

    @Mixin
    LevelOptions levels = new LevelOptions();
}
