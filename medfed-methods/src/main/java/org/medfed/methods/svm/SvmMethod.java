package org.medfed.methods.svm;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** A linear support vector machine (liblinear's L2-regularized hinge loss) by consensus ADMM. */
public final class SvmMethod implements MethodDefinition<SvmParameters> {
    @Override
    public String name() {
        return "svm";
    }

    @Override
    public Class<SvmParameters> parametersType() {
        return SvmParameters.class;
    }

    @Override
    public HubHalf hub(SvmParameters parameters, JobContext context) {
        return new SvmHub(parameters, context);
    }

    @Override
    public SiteHalf site(SvmParameters parameters) {
        return new SvmSite(parameters);
    }
}
