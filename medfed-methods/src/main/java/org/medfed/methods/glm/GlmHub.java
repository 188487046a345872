package org.medfed.methods.glm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.MedfedException;
import org.medfed.formula.DesignLayout;
import org.medfed.formula.Formula;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.evaluation.EvaluationHub;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The hub half of a GLM job. Rounds: the schema handshake, R's first iteration from the family's
 * starting values, then one evaluation per iteration until R's stopping rule holds; if the model
 * has an offset and an intercept, R fits the intercept-only model with that offset to get the
 * null deviance, and so does this, federatedly, starting from the full model's fitted values.
 * With {@code evaluate}, the final fit is then evaluated ({@link EvaluationHub}): its rounds
 * carry the final coefficients, from which each site computes its fitted probabilities.
 */
final class GlmHub implements HubHalf {
    private enum Phase { SCHEMA, START, ITERATE, NULL_START, NULL_ITERATE, EVALUATE }

    private final GlmParameters parameters;
    private final JobContext context;
    private final Formula formula;
    private final GlmFamily family;
    private final List<String> warnings = new ArrayList<>();
    private Phase phase = Phase.SCHEMA;
    private int round;
    private DesignLayout layout;
    private FrameSpec frame;
    private int p;
    private Irls main;
    private Irls nullFit;
    private final Map<String, Integer> rowsBySite = new LinkedHashMap<>();
    private final Map<String, Integer> droppedBySite = new LinkedHashMap<>();
    private double rowsWeighted;
    private double rowsTotal;
    private double sumLogW;
    private double nullDeviance = Double.NaN;
    private double logLik;
    private double pearson;
    private double boundaryRows;
    private boolean nullDevianceRequested;
    private EvaluationHub evaluation;
    private GlmResult fitted;

    GlmHub(GlmParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.formula = Formula.parse(parameters.formula());
        this.family = GlmFamily.named(parameters.family());
        if (formula.responseLabel() == null) {
            throw new org.medfed.error.UsageException("glm: the formula needs a response, e.g. 'y ~ x'");
        }
    }

    @Override
    public Step start() {
        return next(FrameRound.STEP, Payload.EMPTY, FrameRound.releases(formula));
    }

    @Override
    public Step next(Aggregate a) {
        return switch (phase) {
            case SCHEMA -> afterSchema(a);
            case START -> afterStart(a);
            case ITERATE -> afterIterate(a);
            case NULL_START -> afterNullStart(a);
            case NULL_ITERATE -> afterNullIterate(a);
            case EVALUATE -> afterEvaluate(a);
        };
    }

    private Step next(String step, Payload parameters, List<org.medfed.method.Quantity> releases) {
        return new Step.Next(Request.toAll(round++, step, parameters, releases));
    }

    private Step afterSchema(Aggregate a) {
        FrameSpec spec = FrameRound.harmonize(formula, a, parameters.levels());
        frame = spec;
        layout = DesignLayout.of(formula, spec.levels(), spec.numericVariables());
        p = layout.width();
        if (p == 0) {
            throw new MedfedException("glm: the model has no coefficients (empty model)");
        }
        main = new Irls(p, parameters.epsilon(), parameters.maxit(), warnings);
        Payload.Builder b = Payload.builder();
        spec.writeTo(b);
        phase = Phase.START;
        return next(GlmSteps.START, b.build(), GlmSteps.startReleases(p));
    }

    private Step afterStart(Aggregate a) {
        a.perSite(GlmSteps.ROWS).forEach((site, v) -> rowsBySite.put(site, (int) v[0]));
        a.perSite(GlmSteps.ROWS_DROPPED).forEach((site, v) -> droppedBySite.put(site, (int) v[0]));
        rowsTotal = rowsBySite.values().stream().mapToInt(Integer::intValue).sum();
        rowsWeighted = a.scalar(GlmSteps.ROWS_WEIGHTED);
        sumLogW = a.scalar(GlmSteps.SUM_LOG_W);
        if (p > rowsTotal) {
            throw new MedfedException("glm: more parameters (" + p + ") than rows (" + (long) rowsTotal
                    + ") over all sites; the model cannot be estimated");
        }
        if (family.name().equals("binomial") && a.scalar(GlmSteps.NONINTEGER_SUCCESSES) > 0) {
            warnings.add("non-integer #successes in a binomial glm!");
        }
        main.begin(a.scalar(GlmSteps.DEVIANCE), a.sum(GlmSteps.XTWX), a.sum(GlmSteps.XTWZ));
        Payload.Builder b = Payload.builder().put(GlmSteps.BETA, main.beta());
        if (formula.hasIntercept() && !formula.hasOffset()) {
            b.put(GlmSteps.WTDMU, a.scalar(GlmSteps.SUM_WY) / a.scalar(GlmSteps.SUM_W));
            nullDevianceRequested = true;
        } else if (!formula.hasIntercept()) {
            nullDeviance = a.scalar(GlmSteps.NULL_DEVIANCE);
        }
        phase = Phase.ITERATE;
        return next(GlmSteps.ITERATE, b.build(), GlmSteps.iterateReleases(p, nullDevianceRequested));
    }

    private Step afterIterate(Aggregate a) {
        if (nullDevianceRequested) {
            nullDeviance = a.scalar(GlmSteps.NULL_DEVIANCE);
            nullDevianceRequested = false;
        }
        logLik = a.scalar(GlmSteps.LOGLIK);
        pearson = a.scalar(GlmSteps.PEARSON);
        boundaryRows = a.scalar(GlmSteps.BOUNDARY);
        Irls.Status status = main.observe(a.scalar(GlmSteps.DEVIANCE), a.sum(GlmSteps.XTWX), a.sum(GlmSteps.SCORE));
        if (status == Irls.Status.CONTINUE) {
            return next(GlmSteps.ITERATE, Payload.builder().put(GlmSteps.BETA, main.beta()).build(),
                    GlmSteps.iterateReleases(p, false));
        }
        if (!main.converged()) {
            warnings.add("glm.fit: algorithm did not converge");
        }
        if (main.boundary()) {
            warnings.add("glm.fit: algorithm stopped at boundary value");
        }
        if (boundaryRows > 0 && family.boundaryWarning() != null) {
            warnings.add(family.boundaryWarning());
        }
        if (formula.hasIntercept() && formula.hasOffset()) {
            nullFit = new Irls(1, parameters.epsilon(), parameters.maxit(), new ArrayList<>());
            phase = Phase.NULL_START;
            return next(GlmSteps.NULL_START, Payload.builder().put(GlmSteps.BETA, main.beta()).build(),
                    GlmSteps.nullStartReleases());
        }
        return finish();
    }

    private Step afterNullStart(Aggregate a) {
        nullFit.begin(a.scalar(GlmSteps.DEVIANCE), a.sum(GlmSteps.XTWX), a.sum(GlmSteps.XTWZ));
        phase = Phase.NULL_ITERATE;
        return next(GlmSteps.NULL_ITERATE, Payload.builder().put(GlmSteps.BETA, nullFit.beta()).build(),
                GlmSteps.nullIterateReleases());
    }

    private Step afterNullIterate(Aggregate a) {
        Irls.Status status = nullFit.observe(a.scalar(GlmSteps.DEVIANCE), a.sum(GlmSteps.XTWX), a.sum(GlmSteps.SCORE));
        if (status == Irls.Status.CONTINUE) {
            return next(GlmSteps.NULL_ITERATE, Payload.builder().put(GlmSteps.BETA, nullFit.beta()).build(),
                    GlmSteps.nullIterateReleases());
        }
        if (!nullFit.converged()) {
            warnings.add("fitting to calculate the null deviance did not converge -- increase 'maxit'?");
        }
        nullDeviance = nullFit.deviance();
        return finish();
    }

    private Step finish() {
        int rank = main.information().rank();
        double dfResidual = rowsWeighted - rank;
        double dfNull = rowsWeighted - (formula.hasIntercept() ? 1 : 0);
        double deviance = main.deviance();
        double dispersion = family.estimatesDispersion()
                ? (dfResidual > 0 ? pearson / dfResidual : Double.NaN)
                : 1.0;
        double aic;
        int logLikDf = rank;
        if (family.estimatesDispersion()) {
            aic = rowsTotal * (Math.log(deviance / rowsTotal * 2 * Math.PI) + 1) + 2 - sumLogW + 2 * rank;
            logLikDf = rank + 1;
        } else {
            aic = -2 * logLik + 2 * rank;
        }
        GlmFit fit = new GlmFit(deviance, nullDeviance, dfResidual, dfNull, aic, logLikDf - aic / 2, logLikDf,
                rank, dispersion, pearson, rowsWeighted);
        GlmResult result = GlmResult.of(parameters, family, formula, frame, layout.columnNames(), main.beta(),
                main.information(), fit, main.converged(), main.iteration(), main.boundary(), rowsBySite,
                droppedBySite, warnings, context);
        if (parameters.evaluate() == null) {
            return new Step.Done(result);
        }
        fitted = result;
        evaluation = new EvaluationHub(parameters.evaluate(), (long) rowsTotal, parameters.confLevel());
        phase = Phase.EVALUATE;
        return next(evaluation.start(Payload.builder().put(GlmSteps.BETA, main.beta()).build()));
    }

    private Step afterEvaluate(Aggregate a) {
        EvaluationHub.Ask ask = evaluation.next(a);
        if (ask == null) {
            return new Step.Done(fitted.withEvaluation(evaluation.result()));
        }
        return next(ask);
    }

    private Step next(EvaluationHub.Ask ask) {
        return next(ask.step(), ask.parameters(), ask.releases());
    }
}
