package org.medfed.cli;

import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;
import org.medfed.methods.describe.TTestParameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a two-sample t-test, shared by {@code simulate ttest} and {@code run ttest}. */
final class TTestOptions {
    @Option(names = "--column", required = true, paramLabel = "COLUMN", description = "The numeric column whose means are compared.")
    String column;

    @Option(names = "--group", required = true, paramLabel = "COLUMN",
            description = "The grouping column; it must have exactly two levels among the rows used (use --where to keep two).")
    String group;

    @Option(names = "--var-equal", description = "The pooled-variance test (R's var.equal = TRUE); default Welch's test.")
    boolean varEqual;

    @Option(names = "--conf-level", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Confidence level of the interval of the difference in means. Default: ${DEFAULT-VALUE}.")
    double confLevel = 0.95;

    @Option(names = "--bounds", paramLabel = "COLUMN=LO:HI",
            description = "Clip the column's values to [LO, HI] before summing (bounds what one row can change, as "
                    + "differential privacy needs), e.g. age=0:120.")
    List<String> bounds = new ArrayList<>();

    @Mixin
    LevelOptions levels = new LevelOptions();

    TTestParameters parameters() {
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("--conf-level must be between 0 and 1, got " + confLevel);
        }
        return new TTestParameters(column, group, varEqual, confLevel, SummaryOptions.parseBounds(bounds), levels.parse());
    }
}
