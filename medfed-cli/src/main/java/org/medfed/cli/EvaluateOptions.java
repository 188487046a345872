package org.medfed.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.medfed.error.UsageException;
import org.medfed.methods.evaluation.EvaluationParameters;
import org.medfed.methods.storedmodel.EvaluateParameters;
import org.medfed.methods.storedmodel.StoredModel;
import picocli.CommandLine.Option;

/** The options of a stored model's evaluation besides where the model comes from, shared by simulate and run. */
final class EvaluateOptions {
    @Option(names = "--hl-groups", defaultValue = "10", paramLabel = "G",
            description = "Hosmer-Lemeshow groups (quantiles of the fitted probabilities; G - 2 df). Default: ${DEFAULT-VALUE}.")
    int hlGroups;

    @Option(names = "--auc-bins", defaultValue = "65536", paramLabel = "B",
            description = "Bins of the score histograms AUC and ROC are computed from (a power of two); the AUC's "
                    + "error bound is reported. Default: ${DEFAULT-VALUE}.")
    int aucBins;

    EvaluateParameters parameters(StoredModel model) {
        return new EvaluateParameters(model, new EvaluationParameters(hlGroups, aucBins));
    }

    /** The model in a result file a glm job printed with --json; a usage error names the file. */
    static StoredModel readModel(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--model " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--model " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        return parseModel(text, file.toString());
    }

    static StoredModel parseModel(String json, String source) {
        try {
            return StoredModel.fromGlmJson(OutputOptions.JSON.readTree(json), source);
        } catch (JsonProcessingException e) {
            throw new UsageException("model " + source + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
