package org.medfed.methods.multinom;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** Multinomial logistic regression by federated Newton–Raphson. */
public final class MultinomMethod implements MethodDefinition<MultinomParameters> {
    @Override
    public String name() {
        return "multinom";
    }

    @Override
    public Class<MultinomParameters> parametersType() {
        return MultinomParameters.class;
    }

    @Override
    public HubHalf hub(MultinomParameters parameters, JobContext context) {
        return new MultinomHub(parameters, context);
    }

    @Override
    public SiteHalf site(MultinomParameters parameters) {
        return new MultinomSite(parameters);
    }
}
