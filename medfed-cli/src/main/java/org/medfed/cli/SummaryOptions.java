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

    @Option(names = "--probs", paramLabel = "P,...",
            description = "Quantile probabilities of numeric columns, comma-separated (R's quantile(x, probs), "
                    + "type 7); default 0.25,0.5,0.75; 'none' for no quantiles.")
    String probs;

    @Option(names = "--quantile-precision", paramLabel = "FRACTION",
            description = "Resolution of the federated quantile search as a fraction of each column's sd "
                    + "(default ${DEFAULT-VALUE}): each quantile is reported at most one grid step (the largest "
                    + "1, 2 or 5 x 10^k not above FRACTION x sd) above its exact value.",
            defaultValue = "" + SummaryParameters.DEFAULT_QUANTILE_PRECISION)
    double quantilePrecision;

    @Option(names = "--no-histogram", description = "Do not count numeric columns on histogram breaks.")
    boolean noHistogram;

    SummaryParameters parameters() {
        return new SummaryParameters(columns.stream().map(String::trim).toList(), parseBounds(bounds), levels.parse(),
                parseProbs(probs), quantilePrecision, !noHistogram);
    }

    /** null (R's quartiles), none, or comma-separated probabilities. */
    static List<Double> parseProbs(String text) {
        if (text == null) {
            return null;
        }
        if (text.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (String p : text.split(",", -1)) {
            try {
                out.add(Double.parseDouble(p.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--probs: '" + p.trim() + "' is not a number (expected e.g. 0.1,0.5,0.9 or none)");
            }
        }
        return out;
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
