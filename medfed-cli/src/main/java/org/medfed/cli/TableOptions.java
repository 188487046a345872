package org.medfed.cli;

import org.medfed.methods.describe.TableParameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a contingency-table job, shared by {@code simulate table} and {@code run table}. */
final class TableOptions {
    @Option(names = "--rows", required = true, paramLabel = "COLUMN",
            description = "The row variable (text, or integer codes).")
    String rows;

    @Option(names = "--cols", paramLabel = "COLUMN",
            description = "The column variable; without it, a one-way table.")
    String cols;

    @Mixin
    LevelOptions levels = new LevelOptions();

    TableParameters parameters() {
        return new TableParameters(rows, cols, levels.parse());
    }
}
