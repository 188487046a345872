package org.medfed.methods.bayes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.MedfedException;
import org.medfed.formula.DesignLayout;
import org.medfed.formula.Formula;
import org.medfed.linalg.PivotedCholesky;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The hub half: after the schema handshake, sends the current posterior to every site, adds the
 * sites' released factors to the prior's natural parameters (precision {@code I/s²}, shift 0) to
 * form the next posterior, and stops when the posterior's means and sds have settled.
 */
final class BayesHub implements HubHalf {
    private enum Phase { SCHEMA, START, SWEEP }

    private final BayesLogisticParameters parameters;
    private final JobContext context;
    private final Formula formula;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Integer> rowsBySite = new LinkedHashMap<>();
    private final Map<String, Integer> droppedBySite = new LinkedHashMap<>();
    private Phase phase = Phase.SCHEMA;
    private int round;
    private int sweeps;
    private FrameSpec frame;
    private List<String> terms;
    private int p;
    private double[] mean;
    private double[] cov;

    BayesHub(BayesLogisticParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.formula = Formula.parse(parameters.formula());
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
            case SWEEP -> afterSweep(a);
        };
    }

    private Step next(String step, Payload payload, List<Quantity> releases) {
        return new Step.Next(Request.toAll(round++, step, payload, releases));
    }

    private Step afterSchema(Aggregate a) {
        frame = FrameRound.harmonize(formula, a, parameters.levels());
        DesignLayout layout = DesignLayout.of(formula, frame.levels(), frame.numericVariables());
        terms = layout.columnNames();
        p = layout.width();
        if (p == 0) {
            throw new MedfedException("bayes-logistic: the model has no coefficients (empty model)");
        }
        mean = new double[p];
        cov = new double[p * p];
        double priorVar = parameters.priorSd() * parameters.priorSd();
        for (int j = 0; j < p; j++) {
            cov[j * p + j] = priorVar;
        }
        Payload.Builder b = posterior();
        frame.writeTo(b);
        phase = Phase.START;
        return next(BayesSteps.START, b.build(), BayesSteps.startReleases(p));
    }

    private Payload.Builder posterior() {
        return Payload.builder().put(BayesSteps.MEAN, mean).put(BayesSteps.COVARIANCE, cov);
    }

    private Step afterStart(Aggregate a) {
        a.perSite(BayesSteps.ROWS).forEach((site, v) -> rowsBySite.put(site, (int) v[0]));
        a.perSite(BayesSteps.ROWS_DROPPED).forEach((site, v) -> droppedBySite.put(site, (int) v[0]));
        phase = Phase.SWEEP;
        return afterSweep(a);
    }

    private Step afterSweep(Aggregate a) {
        sweeps++;
        boolean settled = update(a.sum(BayesSteps.PRECISION), a.sum(BayesSteps.SHIFT));
        if (settled || sweeps >= parameters.maxit()) {
            if (!settled) {
                warnings.add("expectation propagation did not converge in " + sweeps + " sweeps (tolerance "
                        + parameters.tolerance() + "); increase maxit or the damping's stability (a smaller --damping)");
            }
            return new Step.Done(BayesResult.of(parameters, formula, frame, terms, mean, cov, settled, sweeps,
                    rowsBySite, droppedBySite, warnings, context));
        }
        return next(BayesSteps.SWEEP, posterior().build(), BayesSteps.sweepReleases(p));
    }

    /**
     * The posterior from the prior and the sites' summed factors; true when no mean moved by more
     * than the tolerance in posterior sds and no sd changed by more than the tolerance relative.
     */
    private boolean update(double[] factorPrecision, double[] factorShift) {
        double[] precision = factorPrecision.clone();
        double priorPrecision = 1 / (parameters.priorSd() * parameters.priorSd());
        for (int j = 0; j < p; j++) {
            precision[j * p + j] += priorPrecision;
        }
        PivotedCholesky chol = PivotedCholesky.decompose(precision, p);
        if (chol.rank() < p) {
            throw new MedfedException("bayes-logistic: the posterior precision matrix is not positive definite after sweep "
                    + sweeps + "; try a smaller --damping");
        }
        double[] newCov = chol.inverse();
        double[] newMean = chol.solve(factorShift);
        double change = 0;
        for (int j = 0; j < p; j++) {
            double sdOld = Math.sqrt(cov[j * p + j]);
            double sdNew = Math.sqrt(newCov[j * p + j]);
            change = Math.max(change, Math.abs(newMean[j] - mean[j]) / sdNew);
            change = Math.max(change, Math.abs(sdNew / sdOld - 1));
        }
        mean = newMean;
        cov = newCov;
        return change <= parameters.tolerance();
    }
}
