package org.medfed.methods.bayes;

import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.SiteHalf;

/** Bayesian logistic regression with a Gaussian prior, by federated expectation propagation. */
public final class BayesLogisticMethod implements MethodDefinition<BayesLogisticParameters> {
    @Override
    public String name() {
        return "bayes-logistic";
    }

    @Override
    public Class<BayesLogisticParameters> parametersType() {
        return BayesLogisticParameters.class;
    }

    @Override
    public HubHalf hub(BayesLogisticParameters parameters, JobContext context) {
        return new BayesHub(parameters, context);
    }

    @Override
    public SiteHalf site(BayesLogisticParameters parameters) {
        return new BayesSite(parameters);
    }
}
