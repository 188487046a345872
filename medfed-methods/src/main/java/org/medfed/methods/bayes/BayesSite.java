package org.medfed.methods.bayes;

import org.medfed.error.DataException;
import org.medfed.formula.Design;
import org.medfed.formula.Formula;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.ModelRounds;

/**
 * The site half: builds the local design once, keeps its rows' EP terms in site state (never
 * released), and answers each round with one sweep over its rows and the natural parameters of
 * its Gaussian factor.
 */
final class BayesSite implements SiteHalf {
    private static final String DESIGN = "bayes.design";
    private static final String TERMS = "bayes.rowTerms";

    private final BayesLogisticParameters parameters;
    private final Formula formula;

    BayesSite(BayesLogisticParameters parameters) {
        this.parameters = parameters;
        this.formula = Formula.parse(parameters.formula());
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        if (request.step().equals(FrameRound.STEP)) {
            Contribution schema = FrameRound.answer(formula, null, data);
            ModelRounds.keepLevels(state, schema);
            return schema;
        }
        Payload values = switch (request.step()) {
            case BayesSteps.START -> start(request, data, state);
            case BayesSteps.SWEEP -> sweep(request, state).build();
            default -> throw new IllegalStateException("bayes-logistic site: unknown step " + request.step());
        };
        return new Contribution(values, disclosure(state));
    }

    /** Every model round summarizes the same complete rows for the same columns (as the GLM's rounds). */
    private static Disclosure disclosure(SiteState state) {
        return ModelRounds.disclosure(state, state.get(DESIGN, Design.class));
    }

    private Payload start(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        Design d = spec.design(data.table(), formula, data.keep());
        validate(data, d);
        state.put(DESIGN, d);
        state.put(TERMS, new RowTerms(d.x(), d.y()));
        Payload.Builder b = sweep(request, state);
        return b.put(BayesSteps.ROWS, d.rowsUsed()).put(BayesSteps.ROWS_DROPPED, d.rowsDropped()).build();
    }

    private Payload.Builder sweep(Request request, SiteState state) {
        RowTerms terms = state.get(TERMS, RowTerms.class);
        terms.sweep(request.parameters().number(BayesSteps.MEAN), request.parameters().number(BayesSteps.COVARIANCE),
                parameters.damping());
        return Payload.builder().put(BayesSteps.PRECISION, terms.precision()).put(BayesSteps.SHIFT, terms.shift());
    }

    /** Refuses an empty site, a missing response and any outcome other than 0/1, naming the line. */
    private void validate(SiteData data, Design d) {
        if (d.rowsUsed() == 0 && d.rowsDropped() == 0) {
            throw new DataException(data.table().location(), "no usable rows: no row passes the row filter (--where)");
        }
        if (d.rowsUsed() == 0) {
            throw new DataException(data.table().location(), "no usable rows: all " + d.rowsDropped()
                    + " rows have a missing value in " + String.join(", ", formula.variables()));
        }
        double[] y = d.y();
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new DataException(data.table().locate(d.sourceRows()[i], formula.responseLabel()),
                        "bayes-logistic needs a 0/1 outcome, found " + y[i]);
            }
        }
    }
}
