package org.medfed.methods.cox;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** Cox proportional hazards by federated Newton–Raphson (pooled baseline or stratified by site). */
public final class CoxMethod implements MethodDefinition<CoxParameters> {
    @Override
    public String name() {
        return "cox";
    }

    @Override
    public Class<CoxParameters> parametersType() {
        return CoxParameters.class;
    }

    @Override
    public HubHalf hub(CoxParameters parameters, JobContext context) {
        return new CoxHub(parameters, context);
    }

    @Override
    public SiteHalf site(CoxParameters parameters) {
        return new CoxSite(parameters);
    }
}
