package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.analyst.AnalystClient;
import org.medfed.error.UsageException;
import org.medfed.methods.Invocation;
import org.medfed.methods.storedmodel.EvaluateMethod;
import org.medfed.methods.storedmodel.StoredModel;
import org.medfed.transport.proto.JobRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed run evaluate}: a stored binomial GLM evaluated on a hub's sites, without refitting. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a stored logistic GLM on a hub's sites without refitting; the same result as "
                + "simulate evaluate.")
final class RunEvaluateCommand implements Callable<Integer> {
    /** Where the model comes from: a result file, or a past glm job on the same hub. */
    static final class ModelSource {
        @Option(names = "--model", paramLabel = "RESULT.json",
                description = "The model: the JSON a binomial glm job printed (simulate glm --json, result JOB --json).")
        Path file;

        @Option(names = "--job", paramLabel = "JOB", description = "The model: the result of this past glm job on the hub.")
        String job;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    ModelSource source = new ModelSource();

    @Mixin
    EvaluateOptions evaluate = new EvaluateOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        StoredModel model = source.file != null ? EvaluateOptions.readModel(source.file) : fromJob(source.job);
        return run.submit(Invocation.of(new EvaluateMethod(), evaluate.parameters(model)), plot);
    }

    private StoredModel fromJob(String job) {
        JobRecord record;
        try (AnalystClient client = run.hub.connect()) {
            record = client.job(job);
        }
        if (!record.getStatus().equals("succeeded") || record.getResultJson().isEmpty()) {
            throw new UsageException("--job " + job + ": the job has no result (it is " + record.getStatus() + ")");
        }
        return EvaluateOptions.parseModel(record.getResultJson(), "job " + job);
    }
}
