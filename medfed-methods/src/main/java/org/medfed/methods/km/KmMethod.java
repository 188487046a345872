package org.medfed.methods.km;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** Kaplan–Meier survival curves with Greenwood errors and log intervals (R's {@code survfit}). */
public final class KmMethod implements MethodDefinition<KmParameters> {
    @Override
    public String name() {
        return "km";
    }

    @Override
    public Class<KmParameters> parametersType() {
        return KmParameters.class;
    }

    @Override
    public HubHalf hub(KmParameters parameters, JobContext context) {
        return new SurvivalCountsHub(parameters.columns(),
                counts -> KmResult.of(parameters, counts, context.sites(), context.where()));
    }

    @Override
    public SiteHalf site(KmParameters parameters) {
        return new KmSite(parameters.columns());
    }
}
