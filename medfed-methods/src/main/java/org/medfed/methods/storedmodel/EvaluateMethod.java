package org.medfed.methods.storedmodel;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** Evaluation of a stored binomial GLM on a dataset, without refitting. */
public final class EvaluateMethod implements MethodDefinition<EvaluateParameters> {
    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public Class<EvaluateParameters> parametersType() {
        return EvaluateParameters.class;
    }

    @Override
    public HubHalf hub(EvaluateParameters parameters, JobContext context) {
        return new EvaluateHub(parameters, context);
    }

    @Override
    public SiteHalf site(EvaluateParameters parameters) {
        return new EvaluateSite(parameters);
    }
}
