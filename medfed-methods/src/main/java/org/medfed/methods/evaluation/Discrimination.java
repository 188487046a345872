package org.medfed.methods.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.medfed.error.MedfedException;

/**
 * AUC, its DeLong confidence interval and the ROC curve from the summed score histograms of
 * events (cases) and non-events (controls): B equal bins [b/B, (b+1)/B) on [0, 1].
 *
 * <p><b>AUC.</b> The Mann–Whitney AUC counts every case–control pair 1 when the case scores higher
 * and 1/2 on a tie. Pairs in different bins are ordered by their bins exactly; a pair in the same
 * bin is counted 1/2. So the histogram AUC differs from the exact one by at most
 * {@code error_bound} = ½ Σ_b cases_b · controls_b / (cases · controls), which is computed from the
 * released counts and reported; it is 0 when no bin holds both a case and a control, and then the
 * AUC is exact (up to rounding).
 *
 * <p><b>Interval.</b> DeLong et al. (1988), as {@code pROC::ci.auc(method = "delong")}: the
 * placement of a case is the share of controls below it (ties ½), that of a control the share of
 * cases above it; Var = S₁₀/cases + S₀₁/controls with S the sample variances (n − 1) of the
 * placements; the interval AUC ± z·√Var is clipped to [0, 1]. Placements from the histograms are
 * exact under the same condition as the AUC.
 *
 * <p><b>ROC curve.</b> One point per non-empty bin, from the highest: the threshold is the bin's
 * lower edge b/B and a row is called positive when p ≥ b/B; plus a first point (0, 0) at the
 * upper edge of the highest non-empty bin. Each point is an exact point of the empirical ROC
 * curve (its threshold is a bin edge); between two points the curve of R's {@code roc} may have
 * corners that one bin merges (at most that bin's cases/cases in TPR and controls/controls in FPR).
 */
public final class Discrimination {
    /** One point of the ROC curve: rows with p at or above {@code threshold} are called positive. */
    public record RocPoint(double threshold, long truePositives, long falsePositives, double tpr, double fpr) {
    }

    public record Result(double auc, double confLow, double confHigh, double confLevel, double standardError, double errorBound,
                  long cases, long controls, int bins, List<RocPoint> roc) {
    }

    private Discrimination() {
    }

    static Result of(double[] cases, double[] controls, double confLevel) {
        int bins = cases.length;
        long n1 = 0;
        long n0 = 0;
        for (int b = 0; b < bins; b++) {
            n1 += Math.round(cases[b]);
            n0 += Math.round(controls[b]);
        }
        if (n1 == 0 || n0 == 0) {
            throw new MedfedException("model evaluation: AUC needs both events and non-events, found " + n1
                    + " events and " + n0 + " non-events");
        }
        // Mann-Whitney U and the case placements, bins ascending.
        double u = 0;
        double ties = 0;
        double controlsBelow = 0;
        for (int b = 0; b < bins; b++) {
            u += cases[b] * (controlsBelow + 0.5 * controls[b]);
            ties += cases[b] * controls[b];
            controlsBelow += controls[b];
        }
        double pairs = (double) n1 * n0;
        double auc = u / pairs;
        double s10 = 0;
        double s01 = 0;
        controlsBelow = 0;
        double casesAbove = n1;
        for (int b = 0; b < bins; b++) {
            casesAbove -= cases[b];
            if (cases[b] > 0) {
                double v = (controlsBelow + 0.5 * controls[b]) / n0 - auc;
                s10 += cases[b] * v * v;
            }
            if (controls[b] > 0) {
                double v = (casesAbove + 0.5 * cases[b]) / n1 - auc;
                s01 += controls[b] * v * v;
            }
            controlsBelow += controls[b];
        }
        double variance = (n1 > 1 ? s10 / (n1 - 1) : Double.NaN) / n1 + (n0 > 1 ? s01 / (n0 - 1) : Double.NaN) / n0;
        double se = Math.sqrt(variance);
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confLevel) / 2);
        double low = Math.max(0, auc - z * se);
        double high = Math.min(1, auc + z * se);
        return new Result(auc, low, high, confLevel, se, 0.5 * ties / pairs, n1, n0, bins, roc(cases, controls, n1, n0));
    }

    private static List<RocPoint> roc(double[] cases, double[] controls, long n1, long n0) {
        int bins = cases.length;
        List<RocPoint> points = new ArrayList<>();
        long tp = 0;
        long fp = 0;
        for (int b = bins - 1; b >= 0; b--) {
            if (cases[b] == 0 && controls[b] == 0) {
                continue;
            }
            if (points.isEmpty()) {
                points.add(new RocPoint((b + 1) / (double) bins, 0, 0, 0, 0));
            }
            tp += Math.round(cases[b]);
            fp += Math.round(controls[b]);
            points.add(new RocPoint(b / (double) bins, tp, fp, (double) tp / n1, (double) fp / n0));
        }
        return List.copyOf(points);
    }
}
