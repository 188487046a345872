package org.medfed.methods.storedmodel;

import org.medfed.methods.evaluation.EvaluationParameters;

/**
 * An evaluation of a stored model as the analyst states it; serializes to JSON so that it can be
 * sent to a hub.
 *
 * @param model      the stored model
 * @param evaluation how to evaluate it (Hosmer–Lemeshow groups, AUC histogram bins)
 */
public record EvaluateParameters(StoredModel model, EvaluationParameters evaluation) {
    public EvaluateParameters {
        if (model == null) {
            throw new org.medfed.error.UsageException("evaluate needs a model (--model RESULT.json)");
        }
        if (evaluation == null) {
            evaluation = EvaluationParameters.defaults();
        }
    }
}
