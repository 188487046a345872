package org.medfed.cli;

import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;
import org.medfed.methods.cox.CoxParameters;
import picocli.CommandLine.Option;

/** The options of a Cox model job, shared by {@code simulate cox} and {@code run cox}. */
final class CoxOptions {
    @Option(names = {"--formula", "-f"}, required = true, paramLabel = "FORMULA",
            description = "Survival formula as for R's coxph, e.g. \"Surv(time, status) ~ age + sex + strata(grp)\"; "
                    + "status 1 = event, 0 = censored.")
    String formula;

    @Option(names = "--ties", defaultValue = "efron", paramLabel = "METHOD",
            description = "Handling of tied event times: efron or breslow (as coxph's ties). Default: ${DEFAULT-VALUE}.")
    String ties;

    @Option(names = "--stratify-by-site",
            description = "A separate baseline hazard per site (R's strata(site)): each site releases only its "
                    + "log partial likelihood, score and information, no event times. Without it the baseline is "
                    + "pooled: the sites' distinct event times are revealed to build a shared time grid.")
    boolean stratifyBySite;

    @Option(names = "--levels", paramLabel = "FACTOR=L1,L2,...",
            description = "Level order of a factor, first = reference (R's factor(x, levels = ...)); "
                    + "e.g. sex=male,female. Repeatable. Default: sorted as R sorts.")
    List<String> levels = new ArrayList<>();

    @Option(names = "--conf-level", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Confidence level of the Wald intervals. Default: ${DEFAULT-VALUE}.")
    double confLevel;

    @Option(names = "--epsilon", defaultValue = "1e-9", paramLabel = "EPS",
            description = "Convergence tolerance on the log partial likelihood, as coxph.control(eps). Default: ${DEFAULT-VALUE}.")
    double epsilon;

    @Option(names = "--maxit", defaultValue = "20", paramLabel = "N",
            description = "Maximum iterations, as coxph.control(iter.max). Default: ${DEFAULT-VALUE}.")
    int maxit;

    CoxParameters parameters() {
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new UsageException("--conf-level must be between 0 and 1, got " + confLevel);
        }
        if (!(epsilon > 0)) {
            throw new UsageException("--epsilon must be positive, got " + epsilon);
        }
        if (maxit < 1) {
            throw new UsageException("--maxit must be at least 1, got " + maxit);
        }
        return new CoxParameters(formula, ties, stratifyBySite, GlmOptions.parseLevels(levels), confLevel, epsilon, maxit);
    }
}
