package org.medfed.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.methods.glm.GlmParameters;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a GLM job, shared by every command that runs one. */
final class GlmOptions {
    @Option(names = {"--formula", "-f"}, required = true, paramLabel = "FORMULA",
            description = "R model formula, e.g. \"low ~ age + lwt + race + smoke\".")
    String formula;

    @Option(names = "--family", defaultValue = "gaussian", paramLabel = "FAMILY",
            description = "binomial (logit), gaussian (identity) or poisson (log). Default: ${DEFAULT-VALUE}.")
    String family;

    @Option(names = "--weights", paramLabel = "COLUMN", description = "Prior weights column.")
    String weights;

    @Option(names = "--levels", paramLabel = "FACTOR=L1,L2,...",
            description = "Level order of a factor, first = reference (R's factor(x, levels = ...)); "
                    + "e.g. race=white,black,other or 'factor(cyl)=4,6,8'. Repeatable. Default: sorted as R sorts.")
    List<String> levels = new ArrayList<>();

    @Option(names = "--conf-level", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Confidence level of the Wald intervals. Default: ${DEFAULT-VALUE}.")
    double confLevel;

    @Option(names = "--epsilon", defaultValue = "1e-8", paramLabel = "EPS",
            description = "Convergence tolerance, as glm.control(epsilon). Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--maxit", defaultValue = "25", paramLabel = "N",
            description = "Maximum iterations, as glm.control(maxit). Default: ${DEFAULT-VALUE}.")
    int maxit;

    @Option(names = "--evaluate",
            description = "After the fit (binomial only), evaluate it federatedly: Hosmer-Lemeshow test, AUC with "
                    + "DeLong interval and ROC curve, Brier score, calibration intercept and slope.")
    boolean evaluate;

    @Mixin
    EvaluationOptions evaluation = new EvaluationOptions();

    GlmParameters parameters() {
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("--conf-level must be between 0 and 1, got " + confLevel);
        }
        if (!(epsilon > 0)) {
            throw new UsageException("--epsilon must be positive, got " + epsilon);
        }
        if (maxit < 1) {
            throw new UsageException("--maxit must be at least 1, got " + maxit);
        }
        org.medfed.methods.glm.GlmFamily.named(family);
        return new GlmParameters(formula, family, weights, parseLevels(levels), confLevel, epsilon, maxit,
                evaluate ? evaluation.parameters() : null);
    }

    static Map<String, List<String>> parseLevels(List<String> specs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.lastIndexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new UsageException("--levels expects FACTOR=L1,L2,..., got '" + s + "'");
            }
            List<String> lv = Arrays.stream(s.substring(eq + 1).split(",", -1)).map(String::trim).toList();
            if (lv.stream().anyMatch(String::isEmpty) || lv.size() != lv.stream().distinct().count()) {
                throw new UsageException("--levels " + s + ": levels must be non-empty and distinct");
            }
            out.put(s.substring(0, eq).trim(), lv);
        }
        return out;
    }
}
