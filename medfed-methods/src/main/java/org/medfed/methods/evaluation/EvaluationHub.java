package org.medfed.methods.evaluation;

import java.util.List;
import org.medfed.method.Aggregate;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;

/**
 * The hub half of a model evaluation, driven by a model's hub half once its fit is final: a
 * deterministic state machine over aggregates, like every hub half. Rounds: the score
 * histograms, Brier sum and the calibration fits' first Newton evaluation; further calibration
 * evaluations until both fits converge; bisection rounds for the Hosmer–Lemeshow group
 * boundaries; one round of per-group sums. Every release is a SUM.
 */
public final class EvaluationHub {
    /** What the evaluation asks the sites next: a step, its parameters and the quantities it may release. */
    public record Ask(String step, Payload parameters, List<Quantity> releases) {
    }

    private enum Phase { START, CALIBRATE, BISECT, GROUPS, DONE }

    private final EvaluationParameters parameters;
    private final long rows;
    private final double confLevel;
    private final Calibration calibration = new Calibration();
    private final HosmerLemeshow hosmerLemeshow;
    private Phase phase = Phase.START;
    private Discrimination.Result discrimination;
    private double brier;
    private double[] probes;
    private Evaluation result;

    /**
     * @param rows      the rows the model was fitted on (over all sites)
     * @param confLevel the level of the AUC's confidence interval
     */
    public EvaluationHub(EvaluationParameters parameters, long rows, double confLevel) {
        this.parameters = parameters;
        this.rows = rows;
        this.confLevel = confLevel;
        this.hosmerLemeshow = new HosmerLemeshow(parameters.groups(), rows);
    }

    /**
     * The first round. Its parameters are the model's own (e.g. the final coefficients), from
     * which each site computes its fitted probabilities.
     */
    public Ask start(Payload modelParameters) {
        return new Ask(EvaluationSteps.START, modelParameters, EvaluationSteps.startReleases(parameters.histogramBins()));
    }

    /** Folds a round's aggregate; the next round, or null when the evaluation is complete ({@link #result()}). */
    public Ask next(Aggregate a) {
        switch (phase) {
            case START -> {
                discrimination = Discrimination.of(a.sum(EvaluationSteps.HIST_CASES), a.sum(EvaluationSteps.HIST_CONTROLS),
                        confLevel);
                brier = a.scalar(EvaluationSteps.BRIER) / rows;
                return afterCalibration(a);
            }
            case CALIBRATE -> {
                return afterCalibration(a);
            }
            case BISECT -> {
                hosmerLemeshow.observe(probes, a.sum(EvaluationSteps.COUNT_AT_OR_BELOW));
                return bisect();
            }
            case GROUPS -> {
                HosmerLemeshow.Result hl = hosmerLemeshow.finish(a.sum(EvaluationSteps.GROUP_ROWS),
                        a.sum(EvaluationSteps.GROUP_EVENTS), a.sum(EvaluationSteps.GROUP_FITTED));
                result = new Evaluation(parameters, hl, discrimination, brier, calibration.intercept(), calibration.slope(),
                        calibration.slopeModelIntercept(), calibration.iterations());
                phase = Phase.DONE;
                return null;
            }
            default -> throw new IllegalStateException("evaluation is complete");
        }
    }

    private Ask afterCalibration(Aggregate a) {
        if (!calibration.observe(a.sum(EvaluationSteps.CALIB_SCORE), a.sum(EvaluationSteps.CALIB_INFO))) {
            phase = Phase.CALIBRATE;
            return new Ask(EvaluationSteps.CALIBRATE,
                    Payload.builder().put(EvaluationSteps.CALIBRATION, calibration.coefficients()).build(),
                    EvaluationSteps.calibrateReleases());
        }
        return bisect();
    }

    private Ask bisect() {
        probes = hosmerLemeshow.probes();
        if (probes.length > 0) {
            phase = Phase.BISECT;
            return new Ask(EvaluationSteps.BISECT, Payload.builder().put(EvaluationSteps.THRESHOLDS, probes).build(),
                    EvaluationSteps.bisectReleases(probes.length));
        }
        phase = Phase.GROUPS;
        return new Ask(EvaluationSteps.GROUPS,
                Payload.builder().put(EvaluationSteps.THRESHOLDS, hosmerLemeshow.thresholds()).build(),
                EvaluationSteps.groupReleases(parameters.groups()));
    }

    /** The finished evaluation (after {@link #next} returned null). */
    public Evaluation result() {
        if (result == null) {
            throw new IllegalStateException("evaluation not finished");
        }
        return result;
    }
}
