package org.medfed.methods.glm;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** Generalized linear models (binomial, gaussian, poisson) by federated IRLS. */
public final class GlmMethod implements MethodDefinition<GlmParameters> {
    @Override
    public String name() {
        return "glm";
    }

    @Override
    public Class<GlmParameters> parametersType() {
        return GlmParameters.class;
    }

    @Override
    public HubHalf hub(GlmParameters parameters, JobContext context) {
        return new GlmHub(parameters, context);
    }

    @Override
    public SiteHalf site(GlmParameters parameters) {
        return new GlmSite(parameters);
    }
}
