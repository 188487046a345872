package org.medfed.methods.describe;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** Pearson correlation matrix of numeric columns over complete rows (R's {@code cor(use = "complete.obs")}), with each pair's test. */
public final class CorrelationMethod implements MethodDefinition<CorrelationParameters> {
    @Override
    public String name() {
        return "correlation";
    }

    @Override
    public Class<CorrelationParameters> parametersType() {
        return CorrelationParameters.class;
    }

    @Override
    public HubHalf hub(CorrelationParameters parameters, JobContext context) {
        return new CorrelationHub(parameters, context);
    }

    @Override
    public SiteHalf site(CorrelationParameters parameters) {
        return new CentredMomentsSite("correlation", parameters.columns(), parameters::clip, CentredMomentsSite.SUMS_NEED_FINITE_VALUES);
    }
}
