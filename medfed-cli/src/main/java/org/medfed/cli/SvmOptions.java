package org.medfed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;
import org.medfed.methods.svm.SvmParameters;
import org.medfed.methods.svm.WarmStarts;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of an svm job, shared by the simulate and run commands. */
final class SvmOptions {
    @Option(names = {"--formula", "-f"}, required = true, paramLabel = "FORMULA",
            description = "R model formula with a binary response (0/1 or two levels), e.g. \"low ~ age + lwt + race + smoke\".")
    String formula;

    @Option(names = "--C", required = true, paramLabel = "C",
            description = "Cost C of the hinge loss in 1/2||w||^2 + C * sum max(0, 1 - y w'x) (liblinear's -c).")
    double cost;

    @Option(names = "--bias", defaultValue = "1", paramLabel = "B",
            description = "Value of the constant feature that stands for the formula's intercept (liblinear's -B); its "
                    + "weight is regularized like the others. Default: ${DEFAULT-VALUE}. No intercept in the formula "
                    + "(y ~ x - 1) means no bias feature.")
    double bias;

    @Option(names = "--positive", paramLabel = "LEVEL",
            description = "Response level coded +1 (default: the second level in R's order, 1 of 0/1).")
    String positive;

    @Option(names = "--levels", paramLabel = "FACTOR=L1,L2,...",
            description = "Level order of a predictor factor, first = reference (R's factor(x, levels = ...)); "
                    + "e.g. race=white,black,other. Repeatable. Default: sorted as R sorts.")
    List<String> levels = new ArrayList<>();

    @Option(names = "--standardize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the ADMM in standardized coordinates (global means and sds from one SUM round). The "
                    + "objective and the answer (on the original scale) are the same; unscaled columns only make ADMM "
                    + "slower. Default: on; --no-standardize turns it off.")
    boolean standardize;

    @Option(names = "--warm-start", paramLabel = "RESULT.json",
            description = "Start from a previous svm result of the same formula (its --json/--out file), for a refit after "
                    + "rows were added or removed: usually fewer ADMM rounds for small changes, not always (see the README).")
    Path warmStart;

    @Option(names = "--accuracy",
            description = "Also report the training accuracy: the last round counts, at each site, the rows the fit "
                    + "classifies correctly. Off by default: those counts are cells of rows grouped by the fitted class, "
                    + "and a site whose policy's evaluation minimum exceeds its misclassified rows refuses them.")
    boolean accuracy;

    @Mixin
    SvmAdmmOptions admm = new SvmAdmmOptions();

    SvmParameters parameters() {
        if (!(cost > 0) || Double.isInfinite(cost)) {
            throw new UsageException("--C must be a positive number, got " + cost);
        }
        if (!(bias > 0) || Double.isInfinite(bias)) {
            throw new UsageException("--bias must be a positive number, got " + bias
                    + " (for no bias feature, drop the intercept: y ~ x - 1)");
        }
        SvmParameters.WarmStart start = warmStart == null ? null : WarmStarts.fromResult(read(warmStart), warmStart.toString());
        return new SvmParameters(formula, cost, bias, positive, GlmOptions.parseLevels(levels), standardize, admm.control(),
                start, accuracy, admm.gapTolerance);
    }

    private static JsonNode read(Path file) {
        try {
            return OutputOptions.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UsageException("--warm-start " + file + ": cannot read it as JSON (" + e.getMessage() + ")");
        }
    }
}
