package org.medfed.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.methods.describe.SummaryParameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a summary job, shared by {@code simulate summary} and {@code run summary}. */
final class SummaryOptions {
    @Option(names = "--columns", required = true, split = ",", paramLabel = "COLUMN",
            description = "Columns to describe, comma-separated, in output order.")
    List<String> columns = new ArrayList<>();

    @Option(names = "--bounds", paramLabel = "COLUMN=LO:HI",
            description = "Clip a numeric column's values to [LO, HI] before summing (bounds what one row can "
                    + "change, as differential privacy needs), e.g. age=0:120. Repeatable.")
    List<String> bounds = new ArrayList<>();

    @Mixin
    LevelOptions levels = new LevelOptions();

    SummaryParameters parameters() {
        return new SummaryParameters(columns.stream().map(String::trim).toList(), parseBounds(bounds), levels.parse());
    }

    static Map<String, double[]> parseBounds(List<String> specs) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            String[] range = eq <= 0 ? new String[0] : s.substring(eq + 1).split(":", -1);
            if (range.length != 2) {
                throw new UsageException("--bounds expects COLUMN=LO:HI, got '" + s + "'");
            }
            try {
                out.put(s.substring(0, eq).trim(), new double[] {Double.parseDouble(range[0].trim()),
                        Double.parseDouble(range[1].trim())});
            } catch (NumberFormatException e) {
                throw new UsageException("--bounds " + s + ": LO and HI must be numbers");
            }
        }
        return out;
    }
}
