package org.medfed.cli;

import org.medfed.methods.km.LogrankParameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a log-rank test, shared by {@code simulate logrank} and {@code run logrank}. */
final class LogrankOptions {
    @Mixin
    SurvivalOptions survival = new SurvivalOptions();

    @Option(names = "--group", required = true, paramLabel = "COLUMN", description = "The groups compared.")
    String group;

    LogrankParameters parameters() {
        return new LogrankParameters(survival.time, survival.event, group, survival.levels.parse());
    }
}
