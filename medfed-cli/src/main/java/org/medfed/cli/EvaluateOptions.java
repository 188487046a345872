package org.medfed.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.medfed.error.UsageException;
import org.medfed.methods.storedmodel.EvaluateParameters;
import org.medfed.methods.storedmodel.StoredModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a stored model's evaluation besides where the model comes from, shared by simulate and run. */
final class EvaluateOptions {
    @Mixin
    EvaluationOptions evaluation = new EvaluationOptions();

    EvaluateParameters parameters(StoredModel model) {
        return new EvaluateParameters(model, evaluation.parameters());
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
