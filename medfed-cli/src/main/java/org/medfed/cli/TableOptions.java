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

    @Option(names = "--correct", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Yates' continuity correction in the chi-squared test of a 2x2 table (R's chisq.test "
                    + "correct = TRUE, the default); --no-correct turns it off. Other tables are never corrected.")
    boolean correct = true;

    @Option(names = "--conf-level", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Confidence level of a 2x2 table's odds-ratio and risk-difference intervals. Default: ${DEFAULT-VALUE}.")
    double confLevel = 0.95;

    @Mixin
    LevelOptions levels = new LevelOptions();

    TableParameters parameters() {
        return new TableParameters(rows, cols, levels.parse(), correct, confLevel);
    }
}
