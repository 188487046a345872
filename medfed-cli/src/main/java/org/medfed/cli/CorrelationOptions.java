package org.medfed.cli;

import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;
import org.medfed.methods.describe.CorrelationParameters;
import picocli.CommandLine.Option;

/** The options of a correlation job, shared by {@code simulate correlation} and {@code run correlation}. */
final class CorrelationOptions {
    @Option(names = "--columns", required = true, split = ",", paramLabel = "COLUMN",
            description = "Numeric columns to correlate, comma-separated (at least two); rows missing any of them "
                    + "are left out (R's use = \"complete.obs\").")
    List<String> columns = new ArrayList<>();

    @Option(names = "--bounds", paramLabel = "COLUMN=LO:HI",
            description = "Clip a column's values to [LO, HI] before summing (bounds what one row can change, as "
                    + "differential privacy needs; every column needs bounds for DP), e.g. age=0:120. Repeatable.")
    List<String> bounds = new ArrayList<>();

    @Option(names = "--conf-level", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Confidence level of each pair's Fisher-z interval. Default: ${DEFAULT-VALUE}.")
    double confLevel = 0.95;

    CorrelationParameters parameters() {
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("--conf-level must be between 0 and 1, got " + confLevel);
        }
        return new CorrelationParameters(columns.stream().map(String::trim).toList(), SummaryOptions.parseBounds(bounds),
                confLevel);
    }
}
