package org.medfed.cli;

import org.medfed.methods.evaluation.EvaluationParameters;
import picocli.CommandLine.Option;

/** How a binomial model is evaluated, shared by {@code glm --evaluate} and {@code evaluate}. */
final class EvaluationOptions {
    @Option(names = "--hl-groups", defaultValue = "10", paramLabel = "G",
            description = "Hosmer-Lemeshow groups (quantiles of the fitted probabilities; G - 2 df). Default: ${DEFAULT-VALUE}.")
    int hlGroups;

    @Option(names = "--auc-bins", defaultValue = "65536", paramLabel = "B",
            description = "Bins of the score histograms AUC and ROC are computed from (a power of two); the AUC's "
                    + "error bound is reported. Default: ${DEFAULT-VALUE}.")
    int aucBins;

    EvaluationParameters parameters() {
        return new EvaluationParameters(hlGroups, aucBins);
    }
}
