package org.medfed.cli;

import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;
import org.medfed.methods.admm.AdmmControl;
import org.medfed.methods.penalized.PenalizedParameters;
import picocli.CommandLine.Option;

/**
 * The options every penalized regression (lasso, elasticnet, admm-logistic) shares, for the
 * simulate and run commands: the model, the λ path, glmnet's standardize and the ADMM's control.
 */
final class PenalizedOptions {
    @Option(names = {"--formula", "-f"}, required = true, paramLabel = "FORMULA",
            description = "R model formula, e.g. \"low ~ age + lwt + race + smoke\"; '- 1' fits without an intercept "
                    + "(glmnet's intercept = FALSE).")
    String formula;

    @Option(names = "--lambda", split = ",", paramLabel = "L1,L2,...",
            description = "Penalty strengths lambda >= 0, comma-separated (a path: fitted largest first, each "
                    + "warm-started from the last). Default: glmnet's sequence (see --nlambda).")
    List<Double> lambda;

    @Option(names = "--nlambda", defaultValue = "100", paramLabel = "N",
            description = "Without --lambda: the length of glmnet's default sequence, from lambda_max (all coefficients 0) "
                    + "down, equally spaced in log lambda, stopped early as glmnet stops. Default: ${DEFAULT-VALUE}.")
    int nlambda;

    @Option(names = "--lambda-min-ratio", paramLabel = "R",
            description = "Without --lambda: smallest lambda / lambda_max, in (0, 1). Default: glmnet's 1e-4, or 0.01 "
                    + "with fewer rows than predictors.")
    double lambdaMinRatio;

    @Option(names = "--standardize",
            description = "glmnet's standardize = TRUE: penalize the coefficients of the columns scaled to sd 1 "
                    + "(divisor n); coefficients are reported on the original scale. Default: off (the columns as they are).")
    boolean standardize;

    @Option(names = "--gaussian-objective", defaultValue = "glmnet", paramLabel = "glmnet|plain",
            description = "Gaussian family: glmnet (default) minimises glmnet's effective objective "
                    + "RSS/(2n) + lambda*[(1-alpha)/(2 sd(y))||b||^2 + alpha||b||_1]; plain drops the 1/sd(y).")
    String gaussianObjective;

    @Option(names = "--levels", paramLabel = "FACTOR=L1,L2,...",
            description = "Level order of a factor, first = reference (R's factor(x, levels = ...)); "
                    + "e.g. race=white,black,other. Repeatable. Default: sorted as R sorts.")
    List<String> levels = new ArrayList<>();

    @Option(names = "--rho", paramLabel = "RHO",
            description = "ADMM penalty parameter. Default: one site's share of the loss's curvature in standardized "
                    + "coordinates: 1/N for gaussian, ybar(1 - ybar)/N for binomial, N sites.")
    double rho;

    @Option(names = "--balance-residuals",
            description = "Adapt rho by residual balancing (Boyd et al. 3.4.1). Default: rho fixed.")
    boolean balanceResiduals;

    @Option(names = "--eps-abs", defaultValue = "1e-10", paramLabel = "EPS",
            description = "Absolute tolerance of the primal and dual residuals. Default: ${DEFAULT-VALUE}.")
    double epsAbs;

    @Option(names = "--eps-rel", defaultValue = "1e-8", paramLabel = "EPS",
            description = "Relative tolerance of the primal and dual residuals. Default: ${DEFAULT-VALUE}.")
    double epsRel;

    @Option(names = "--max-iterations", defaultValue = "5000", paramLabel = "N",
            description = "Most ADMM iterations per lambda. Default: ${DEFAULT-VALUE}.")
    int maxIterations;

    @Option(names = "--relaxation", defaultValue = "1.6", paramLabel = "A",
            description = "Over-relaxation in (0, 2); 1 is plain ADMM. Default: ${DEFAULT-VALUE}.")
    double relaxation;

    PenalizedParameters parameters(String family, double alpha) {
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new UsageException("--rho must be a positive number, got " + rho);
        }
        if (!(epsAbs > 0) || !(epsRel > 0)) {
            throw new UsageException("--eps-abs and --eps-rel must be positive, got " + epsAbs + " and " + epsRel);
        }
        if (maxIterations < 1) {
            throw new UsageException("--max-iterations must be at least 1, got " + maxIterations);
        }
        if (!(relaxation > 0 && relaxation < 2)) {
            throw new UsageException("--relaxation must be in (0, 2), got " + relaxation);
        }
        if (lambda != null) {
            for (Double l : lambda) {
                if (l == null || !(l >= 0) || Double.isInfinite(l)) {
                    throw new UsageException("--lambda values must be non-negative numbers, got " + l);
                }
            }
        } else if (nlambda < 1) {
            throw new UsageException("--nlambda must be at least 1, got " + nlambda);
        } else if (lambdaMinRatio != 0 && !(lambdaMinRatio > 0 && lambdaMinRatio < 1)) {
            throw new UsageException("--lambda-min-ratio must be in (0, 1), got " + lambdaMinRatio);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new UsageException("--alpha must be between 0 and 1, got " + alpha);
        }
        AdmmControl control = new AdmmControl(rho, epsAbs, epsRel, maxIterations, relaxation, balanceResiduals);
        return new PenalizedParameters(formula, family, alpha, lambda, nlambda, lambdaMinRatio, standardize,
                gaussianObjective, GlmOptions.parseLevels(levels), control);
    }
}
