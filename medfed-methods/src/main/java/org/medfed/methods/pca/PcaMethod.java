package org.medfed.methods.pca;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;
import org.medfed.methods.describe.CentredMomentsSite;

/** Principal components of numeric columns over complete rows, as R's {@code prcomp} on the pooled rows. */
public final class PcaMethod implements MethodDefinition<PcaParameters> {
    @Override
    public String name() {
        return "pca";
    }

    @Override
    public Class<PcaParameters> parametersType() {
        return PcaParameters.class;
    }

    @Override
    public HubHalf hub(PcaParameters parameters, JobContext context) {
        return new PcaHub(parameters, context);
    }

    @Override
    public SiteHalf site(PcaParameters parameters) {
        return CentredMomentsSite.unclipped("pca", parameters.columns(), "principal components need finite values");
    }
}
