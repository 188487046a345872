package org.medfed.methods.describe;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** Two-sample t-test of a numeric column between the two levels of a group (R's {@code t.test(x ~ g)}, Welch or pooled). */
public final class TTestMethod implements MethodDefinition<TTestParameters> {
    @Override
    public String name() {
        return "ttest";
    }

    @Override
    public Class<TTestParameters> parametersType() {
        return TTestParameters.class;
    }

    @Override
    public HubHalf hub(TTestParameters parameters, JobContext context) {
        return new TTestHub(parameters, context);
    }

    @Override
    public SiteHalf site(TTestParameters parameters) {
        return new TTestSite(parameters);
    }
}
