package org.medfed.methods.describe;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** Per-column descriptive statistics (R's {@code summary}, {@code mean}, {@code sd}, {@code table} of a factor). */
public final class SummaryMethod implements MethodDefinition<SummaryParameters> {
    @Override
    public String name() {
        return "summary";
    }

    @Override
    public Class<SummaryParameters> parametersType() {
        return SummaryParameters.class;
    }

    @Override
    public HubHalf hub(SummaryParameters parameters, JobContext context) {
        return new SummaryHub(parameters, context);
    }

    @Override
    public SiteHalf site(SummaryParameters parameters) {
        return new SummarySite(parameters);
    }
}
