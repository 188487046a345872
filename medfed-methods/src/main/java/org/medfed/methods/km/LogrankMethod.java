package org.medfed.methods.km;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** The log-rank test of equal survival across groups (R's {@code survdiff}, rho = 0). */
public final class LogrankMethod implements MethodDefinition<LogrankParameters> {
    @Override
    public String name() {
        return "logrank";
    }

    @Override
    public Class<LogrankParameters> parametersType() {
        return LogrankParameters.class;
    }

    @Override
    public HubHalf hub(LogrankParameters parameters, JobContext context) {
        return new SurvivalCountsHub(parameters.columns(),
                counts -> LogrankResult.of(parameters, counts, context.sites(), context.where()));
    }

    @Override
    public SiteHalf site(LogrankParameters parameters) {
        return new KmSite(parameters.columns());
    }
}
