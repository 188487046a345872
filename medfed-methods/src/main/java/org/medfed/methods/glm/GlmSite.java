package org.medfed.methods.glm;

import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.formula.Design;
import org.medfed.formula.DesignLayout;
import org.medfed.formula.Formula;
import org.medfed.formula.ModelFrame;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.evaluation.EvaluationSite;
import org.medfed.methods.evaluation.EvaluationSteps;
import org.medfed.methods.evaluation.Scores;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.ModelRounds;

/**
 * The site half of a GLM job: builds the local design once (kept in site state, never released)
 * and answers each round with sums over its rows; with {@code evaluate}, it hands its rows'
 * fitted probabilities at the final coefficients to the evaluation's site half.
 */
final class GlmSite implements SiteHalf {
    private static final String DESIGN = "glm.design";

    private final GlmParameters parameters;
    private final Formula formula;
    private final GlmFamily family;

    GlmSite(GlmParameters parameters) {
        this.parameters = parameters;
        this.formula = Formula.parse(parameters.formula());
        this.family = GlmFamily.named(parameters.family());
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        if (request.step().equals(FrameRound.STEP)) {
            Contribution schema = FrameRound.answer(formula, parameters.weights(), data);
            ModelRounds.keepLevels(state, schema);
            return schema;
        }
        if (EvaluationSteps.isEvaluationStep(request.step())) {
            if (parameters.evaluate() == null) {
                throw new IllegalStateException("glm site: step " + request.step() + " in a job that asked for no evaluation");
            }
            if (request.step().equals(EvaluationSteps.START)) {
                EvaluationSite.remember(state, scores(request, data.table(), state.get(DESIGN, Design.class)));
            }
            return new EvaluationSite(parameters.evaluate()).answer(request, modelDisclosure(state), state);
        }
        Payload values = switch (request.step()) {
            case GlmSteps.START -> start(request, data, state);
            case GlmSteps.ITERATE -> iterate(request, state);
            case GlmSteps.NULL_START -> nullStart(request, state);
            case GlmSteps.NULL_ITERATE -> nullIterate(request, state);
            default -> throw new IllegalStateException("glm site: unknown step " + request.step());
        };
        return new Contribution(values, modelDisclosure(state));
    }

    /**
     * What every model round declares: every model round summarizes the same complete rows for the
     * same columns (the null model's rounds use the intercept only, but the rule looks at the model
     * being fitted), the rows it used (for the differencing guard) and the factor levels the schema
     * round found among them. The evaluation's rounds declare the same, plus their counts.
     */
    private static Disclosure modelDisclosure(SiteState state) {
        return ModelRounds.disclosure(state, state.get(DESIGN, Design.class));
    }

    /** The rows' fitted probabilities at the final coefficients and their 0/1 outcomes, for the evaluation. */
    private Scores scores(Request request, Table table, Design d) {
        double[] fitted = Prediction.fitted(family, d, request.parameters().number(GlmSteps.BETA));
        double[] y = d.y();
        for (int i = 0; i < fitted.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new DataException(table.locate(d.sourceRows()[i], formula.responseLabel()),
                        "model evaluation (--evaluate) needs a 0/1 outcome, found " + y[i]);
            }
        }
        return new Scores(fitted, y.clone());
    }

    private Payload start(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        DesignLayout layout = DesignLayout.of(formula, spec.levels(), spec.numericVariables());
        Design d = ModelFrame.build(data.table(), formula, layout, spec.levels(), spec.numericVariables(),
                parameters.weights(), data.keep());
        validate(data.table(), d);
        state.put(DESIGN, d);

        IrlsPass.Sums s = IrlsPass.start(family, d, d.x(), IrlsPass.familyStart(family, d));
        int n = d.rowsUsed();
        double[] pw = d.weights();
        double rowsWeighted = 0;
        double sumWy = 0;
        double sumW = 0;
        double sumLogW = 0;
        double nullDevNoIntercept = 0;
        double nonIntegerSuccesses = 0;
        for (int i = 0; i < n; i++) {
            double wt = pw == null ? 1 : pw[i];
            double successes = wt * d.y()[i];
            if (Math.abs(successes - Math.rint(successes)) > 0.001) {
                nonIntegerSuccesses++;
            }
            if (wt != 0) {
                rowsWeighted++;
            }
            sumWy += wt * d.y()[i];
            sumW += wt;
            sumLogW += Math.log(wt);
            if (!formula.hasIntercept()) {
                double off = d.offset() == null ? 0 : d.offset()[i];
                nullDevNoIntercept += family.devResid(d.y()[i], family.linkinv(off), wt);
            }
        }
        return Payload.builder()
                .put(GlmSteps.XTWX, s.xtwx())
                .put(GlmSteps.XTWZ, s.xtwv())
                .put(GlmSteps.DEVIANCE, s.deviance())
                .put(GlmSteps.ROWS, n)
                .put(GlmSteps.ROWS_DROPPED, d.rowsDropped())
                .put(GlmSteps.ROWS_WEIGHTED, rowsWeighted)
                .put(GlmSteps.SUM_WY, sumWy)
                .put(GlmSteps.SUM_W, sumW)
                .put(GlmSteps.SUM_LOG_W, sumLogW)
                .put(GlmSteps.NULL_DEVIANCE, nullDevNoIntercept)
                .put(GlmSteps.NONINTEGER_SUCCESSES, nonIntegerSuccesses)
                .build();
    }

    /** Refuses rows the family cannot model, naming the line; refuses an empty site. */
    private void validate(Table table, Design d) {
        if (d.y() == null) {
            throw new DataException(table.location(), "the formula has no response (left-hand side)");
        }
        if (d.rowsUsed() == 0 && d.rowsDropped() == 0) {
            throw new DataException(table.location(), "no usable rows: no row passes the row filter (--where)");
        }
        if (d.rowsUsed() == 0) {
            throw new DataException(table.location(), "no usable rows: all " + d.rowsDropped()
                    + " rows have a missing value in " + String.join(", ", formula.variables())
                    + (parameters.weights() == null ? "" : " or " + parameters.weights()));
        }
        String response = formula.responseLabel();
        double[] y = d.y();
        for (int i = 0; i < y.length; i++) {
            String problem = family.checkResponse(y[i]);
            if (problem != null) {
                throw new DataException(table.locate(d.sourceRows()[i], response), problem);
            }
        }
        double[] w = d.weights();
        if (w != null) {
            for (int i = 0; i < w.length; i++) {
                if (w[i] < 0 || !Double.isFinite(w[i])) {
                    throw new DataException(table.locate(d.sourceRows()[i], parameters.weights()),
                            "prior weights must be finite and non-negative, found " + w[i]);
                }
            }
        }
    }

    private Payload iterate(Request request, SiteState state) {
        Design d = state.get(DESIGN, Design.class);
        double[] eta = IrlsPass.linearPredictor(d, request.parameters().number(GlmSteps.BETA));
        IrlsPass.Sums s = IrlsPass.iterate(family, d, d.x(), eta);
        Payload.Builder b = Payload.builder()
                .put(GlmSteps.DEVIANCE, s.deviance())
                .put(GlmSteps.LOGLIK, s.logLik())
                .put(GlmSteps.PEARSON, s.pearson())
                .put(GlmSteps.BOUNDARY, s.boundaryRows())
                .put(GlmSteps.XTWX, s.xtwx())
                .put(GlmSteps.SCORE, s.xtwv());
        if (request.parameters().hasNumber(GlmSteps.WTDMU)) {
            double mu = request.parameters().scalar(GlmSteps.WTDMU);
            double nullDev = 0;
            double[] pw = d.weights();
            for (int i = 0; i < d.rowsUsed(); i++) {
                nullDev += family.devResid(d.y()[i], mu, pw == null ? 1 : pw[i]);
            }
            b.put(GlmSteps.NULL_DEVIANCE, nullDev);
        }
        return b.build();
    }

    /** The null model's design: the intercept column, which the layout puts first. */
    private static double[][] interceptOnly(Design d) {
        return new double[][] {d.x()[0]};
    }

    private Payload nullStart(Request request, SiteState state) {
        Design d = state.get(DESIGN, Design.class);
        double[] eta = IrlsPass.linearPredictor(d, request.parameters().number(GlmSteps.BETA));
        IrlsPass.Sums s = IrlsPass.start(family, d, interceptOnly(d), eta);
        return Payload.builder()
                .put(GlmSteps.XTWX, s.xtwx())
                .put(GlmSteps.XTWZ, s.xtwv())
                .put(GlmSteps.DEVIANCE, s.deviance())
                .build();
    }

    private Payload nullIterate(Request request, SiteState state) {
        Design d = state.get(DESIGN, Design.class);
        double b0 = request.parameters().scalar(GlmSteps.BETA);
        int n = d.rowsUsed();
        double[] eta = d.offset() == null ? new double[n] : d.offset().clone();
        for (int i = 0; i < n; i++) {
            eta[i] += b0;
        }
        IrlsPass.Sums s = IrlsPass.iterate(family, d, interceptOnly(d), eta);
        return Payload.builder()
                .put(GlmSteps.DEVIANCE, s.deviance())
                .put(GlmSteps.XTWX, s.xtwx())
                .put(GlmSteps.SCORE, s.xtwv())
                .build();
    }
}
