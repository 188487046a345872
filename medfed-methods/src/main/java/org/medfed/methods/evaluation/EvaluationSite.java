package org.medfed.methods.evaluation;

import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteState;

/**
 * The site half of a model evaluation: sums over the site's fitted probabilities and outcomes,
 * which a model's site half hands over (see {@link #remember}) and which never leave the site.
 * Each answer carries the model round's disclosure facts (rows, parameters, factor levels, rows
 * used) plus the smallest count it newly reveals, by itself or by differencing with this job's
 * earlier evaluation releases ({@link ReleasedCuts}).
 */
public final class EvaluationSite {
    private static final String SCORES = "evaluation.scores";
    private static final String CUTS = "evaluation.cuts";

    private final EvaluationParameters parameters;

    public EvaluationSite(EvaluationParameters parameters) {
        this.parameters = parameters;
    }

    /** Keeps the rows' fitted probabilities and outcomes at the final coefficients for the evaluation rounds. */
    public static void remember(SiteState state, Scores scores) {
        state.put(SCORES, scores);
        state.put(CUTS, new ReleasedCuts());
    }

    /**
     * Answers one evaluation round.
     *
     * @param base the disclosure facts of the model's own rounds (rows, parameters, factor levels, rows used)
     */
    public Contribution answer(Request request, Disclosure base, SiteState state) {
        Scores s = state.get(SCORES, Scores.class);
        ReleasedCuts cuts = state.get(CUTS, ReleasedCuts.class);
        return switch (request.step()) {
            case EvaluationSteps.START -> {
                int bins = parameters.histogramBins();
                double[] cases = new double[bins];
                double[] controls = new double[bins];
                for (int i = 0; i < s.rows(); i++) {
                    (s.outcome()[i] == 1 ? cases : controls)[Scores.bin(s.fitted()[i], bins)]++;
                }
                Payload.Builder b = Payload.builder().put(EvaluationSteps.HIST_CASES, cases)
                        .put(EvaluationSteps.HIST_CONTROLS, controls).put(EvaluationSteps.BRIER, brierSum(s));
                calibration(s, Calibration.START, b);
                yield contribution(b.build(), base, cuts.releaseHistograms(cases, controls));
            }
            case EvaluationSteps.CALIBRATE -> {
                Payload.Builder b = Payload.builder();
                calibration(s, request.parameters().number(EvaluationSteps.CALIBRATION), b);
                yield contribution(b.build(), base, -1);
            }
            case EvaluationSteps.BISECT -> {
                double[] t = thresholds(request);
                yield contribution(Payload.builder().put(EvaluationSteps.COUNT_AT_OR_BELOW, countsAtOrBelow(s, t)).build(),
                        base, cuts.releaseTotals(s, t));
            }
            case EvaluationSteps.GROUPS -> {
                double[] t = thresholds(request);
                yield contribution(groups(s, t), base, cuts.releaseClassCounts(s, t));
            }
            default -> throw new IllegalStateException("evaluation site: unknown step " + request.step());
        };
    }

    /**
     * The request's thresholds, which must be strictly increasing within [0, 1]: the counts and
     * the cells they are judged by assume it, whatever a hub sends.
     */
    private static double[] thresholds(Request request) {
        double[] t = request.parameters().number(EvaluationSteps.THRESHOLDS);
        for (int k = 0; k < t.length; k++) {
            if (!(t[k] >= 0 && t[k] <= 1) || (k > 0 && !(t[k] > t[k - 1]))) {
                throw new IllegalArgumentException("evaluation: round " + request.round() + " (" + request.step()
                        + ") asks for thresholds that are not increasing within [0, 1]");
            }
        }
        return t;
    }

    /**
     * @param smallestCell the smallest non-zero count the values newly reveal (0: none), or -1 when
     *                     they hold no counts; every count here groups rows by their fitted values,
     *                     which a site's policy may judge by its own minimum
     */
    private static Contribution contribution(Payload values, Disclosure base, int smallestCell) {
        return new Contribution(values, smallestCell < 0 ? base : base.withSmallestCell(smallestCell).withFittedValueCounts());
    }

    private static double brierSum(Scores s) {
        double sum = 0;
        for (int i = 0; i < s.rows(); i++) {
            double r = s.outcome()[i] - s.fitted()[i];
            sum += r * r;
        }
        return sum;
    }

    /**
     * The two calibration fits' score and information at {@code coefficients} = (a, b, c): the
     * logistic regression of y on lp = logit(p) with linear predictor a + b·lp, and the
     * intercept-only one with offset lp and linear predictor c + lp.
     */
    private static void calibration(Scores s, double[] coefficients, Payload.Builder b) {
        double[] score = new double[3];
        double[] info = new double[4];
        for (int i = 0; i < s.rows(); i++) {
            double lp = Calibration.logit(s.fitted()[i]);
            double y = s.outcome()[i];
            double q = Calibration.expit(coefficients[0] + coefficients[1] * lp);
            double w = q * (1 - q);
            score[0] += y - q;
            score[1] += (y - q) * lp;
            info[0] += w;
            info[1] += w * lp;
            info[2] += w * lp * lp;
            double r = Calibration.expit(coefficients[2] + lp);
            score[2] += y - r;
            info[3] += r * (1 - r);
        }
        b.put(EvaluationSteps.CALIB_SCORE, score).put(EvaluationSteps.CALIB_INFO, info);
    }

    private static double[] countsAtOrBelow(Scores s, double[] thresholds) {
        double[] counts = new double[thresholds.length];
        for (double p : s.fitted()) {
            for (int k = 0; k < thresholds.length; k++) {
                if (p <= thresholds[k]) {
                    counts[k]++;
                }
            }
        }
        return counts;
    }

    /** Rows, events and fitted sums per group; group k holds t[k-1] < p <= t[k] (t[-1] = -inf, t[g-1] = +inf). */
    private static Payload groups(Scores s, double[] thresholds) {
        int g = thresholds.length + 1;
        double[] rows = new double[g];
        double[] events = new double[g];
        double[] fitted = new double[g];
        for (int i = 0; i < s.rows(); i++) {
            int k = HosmerLemeshow.group(s.fitted()[i], thresholds);
            rows[k]++;
            events[k] += s.outcome()[i];
            fitted[k] += s.fitted()[i];
        }
        return Payload.builder().put(EvaluationSteps.GROUP_ROWS, rows).put(EvaluationSteps.GROUP_EVENTS, events)
                .put(EvaluationSteps.GROUP_FITTED, fitted).build();
    }
}
