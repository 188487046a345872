package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.methods.storedmodel.EvaluateMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed simulate evaluate}: a stored binomial GLM evaluated on site files, without refitting. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a stored logistic GLM (the JSON of simulate glm --json or result JOB --json) on the "
                + "sites' rows without refitting: Hosmer-Lemeshow, AUC with DeLong interval and ROC curve, Brier "
                + "score, calibration intercept and slope.")
final class SimulateEvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RESULT.json",
            description = "The model: the JSON a binomial glm job printed (simulate glm --json, result JOB --json).")
    Path model;

    @Mixin
    EvaluateOptions evaluate = new EvaluateOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return simulate.run(new EvaluateMethod(), evaluate.parameters(EvaluateOptions.readModel(model)), plot);
    }
}
