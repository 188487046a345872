package org.medfed.methods.describe;

import org.medfed.error.MedfedException;
import org.medfed.method.JobContext;
import org.medfed.method.Step;

/**
 * The hub half of a correlation job: the {@link CentredMoments} rounds, from whose centred
 * cross-products the correlations follow exactly (two passes, as R's {@code cor}, never
 * Σxy − n·x̄ȳ).
 */
final class CorrelationHub extends CentredMomentsHub {
    private final CorrelationParameters parameters;
    private final JobContext context;

    CorrelationHub(CorrelationParameters parameters, JobContext context) {
        super("correlation", "a Pearson correlation needs", parameters.columns());
        this.parameters = parameters;
        this.context = context;
    }

    @Override
    protected void checkRows(double n) {
        if (!(n >= 3)) {
            throw new MedfedException("correlation: " + ResultText.fmt(n) + " rows complete in every column over all sites; "
                    + "a correlation and its test need at least 3");
        }
    }

    @Override
    protected Step finish(double n, double[] mean, double[][] crossProducts) {
        return new Step.Done(CorrelationResult.of(parameters, n, crossProducts, context.sites(), context.where()));
    }
}
