package org.medfed.methods.storedmodel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.MedfedException;
import org.medfed.formula.Formula;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.evaluation.EvaluationHub;

/**
 * The hub half of a stored model's evaluation. Rounds: each site builds the model's design and
 * fitted probabilities and releases its row count; then the evaluation's rounds ({@link
 * EvaluationHub}), exactly as after a {@code glm --evaluate} fit.
 */
final class EvaluateHub implements HubHalf {
    private final EvaluateParameters parameters;
    private final JobContext context;
    private final Map<String, Integer> rowsBySite = new LinkedHashMap<>();
    private final Map<String, Integer> droppedBySite = new LinkedHashMap<>();
    private EvaluationHub evaluation;
    private int round;

    EvaluateHub(EvaluateParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        if (Formula.parse(parameters.model().formula()).responseLabel() == null) {
            throw new org.medfed.error.UsageException("evaluate: the model's formula has no response (left-hand side)");
        }
    }

    @Override
    public Step start() {
        return new Step.Next(Request.toAll(round++, EvaluateSteps.PREPARE, Payload.EMPTY, EvaluateSteps.prepareReleases()));
    }

    @Override
    public Step next(Aggregate a) {
        if (evaluation == null) {
            a.perSite(EvaluateSteps.ROWS).forEach((site, v) -> rowsBySite.put(site, (int) v[0]));
            a.perSite(EvaluateSteps.ROWS_DROPPED).forEach((site, v) -> droppedBySite.put(site, (int) v[0]));
            long rows = rowsBySite.values().stream().mapToLong(Integer::longValue).sum();
            if (rows == 0) {
                throw new MedfedException("evaluate: no rows to evaluate the model on over all sites");
            }
            evaluation = new EvaluationHub(parameters.evaluation(), rows, parameters.model().confLevel());
            return next(evaluation.start(Payload.EMPTY));
        }
        EvaluationHub.Ask ask = evaluation.next(a);
        if (ask == null) {
            return new Step.Done(new EvaluateResult(parameters, rowsBySite, droppedBySite, context.where(),
                    evaluation.result()));
        }
        return next(ask);
    }

    private Step next(EvaluationHub.Ask ask) {
        return new Step.Next(Request.toAll(round++, ask.step(), ask.parameters(), ask.releases()));
    }

    /** The warnings a stored model's evaluation carries. */
    static List<String> warnings(StoredModel model) {
        if (model.aliased().isEmpty()) {
            return List.of();
        }
        return List.of("prediction from a rank-deficient fit: the aliased terms " + String.join(", ", model.aliased())
                + " count as 0");
    }
}
