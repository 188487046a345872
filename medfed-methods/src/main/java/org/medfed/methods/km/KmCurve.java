package org.medfed.methods.km;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.medfed.method.MethodResult;

/**
 * One stratum's Kaplan–Meier curve as R's {@code survfit} gives it: one entry per distinct time
 * with an event or a censoring in the stratum; {@code stdErr} is survfit's {@code std.err}, the
 * Greenwood standard error of the cumulative hazard (of −log S); the limits are
 * {@code conf.type = "log"}: {@code exp(log S ∓ z·std.err)}, the upper one capped at 1, both NA
 * where S is 0. The median and its limits follow {@code print.survfit}: the first time the curve
 * (or the lower, or the upper band) is at or below one half, or the midpoint to the next time
 * where it stays at exactly one half.
 */
public record KmCurve(String stratum, double[] time, double[] nRisk, double[] nEvent, double[] nCensor, double[] surv,
                      double[] stdErr, double[] confLow, double[] confHigh, double median, double medianLow,
                      double medianHigh) {

    /** Rows in the stratum (at risk at its first time). */
    public double n() {
        return nRisk.length == 0 ? 0 : nRisk[0];
    }

    public double events() {
        double d = 0;
        for (double v : nEvent) {
            d += v;
        }
        return d;
    }

    /** The curve of stratum {@code g} of the pooled counts. */
    static KmCurve of(PooledCounts counts, int g, double confLevel) {
        double[] grid = counts.grid();
        double[] atRisk = counts.atRisk()[g];
        double[] e = counts.events()[g];
        double[] c = counts.censored()[g];
        int m = 0;
        for (int k = 0; k < grid.length; k++) {
            if (e[k] + c[k] > 0) {
                m++;
            }
        }
        double[] time = new double[m];
        double[] nRisk = new double[m];
        double[] nEvent = new double[m];
        double[] nCensor = new double[m];
        double[] surv = new double[m];
        double[] se = new double[m];
        double[] low = new double[m];
        double[] high = new double[m];
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - confLevel) / 2);
        double s = 1;
        double varHazard = 0;
        int j = 0;
        for (int k = 0; k < grid.length; k++) {
            if (e[k] + c[k] == 0) {
                continue;
            }
            double n = atRisk[k];
            double d = e[k];
            time[j] = grid[k];
            nRisk[j] = n;
            nEvent[j] = d;
            nCensor[j] = c[k];
            s *= (n - d) / n;
            varHazard += n > d ? d / (n * (n - d)) : (d > 0 ? Double.POSITIVE_INFINITY : 0);
            surv[j] = s;
            se[j] = Math.sqrt(varHazard);
            if (s == 0) {
                low[j] = Double.NaN;
                high[j] = Double.NaN;
            } else {
                low[j] = Math.exp(Math.log(s) - z * se[j]);
                high[j] = Math.min(1, Math.exp(Math.log(s) + z * se[j]));
            }
            j++;
        }
        return new KmCurve(counts.strata().get(g), time, nRisk, nEvent, nCensor, surv, se, low, high,
                minmin(surv, time), minmin(low, time), minmin(high, time));
    }

    /**
     * survival's {@code minmin} (in {@code survmean}): the first time {@code y} is below one half
     * (within √ε); where it is exactly one half and drops later, the midpoint to where it drops.
     */
    static double minmin(double[] y, double[] x) {
        double tolerance = Math.sqrt(Math.ulp(1.0));
        int first = -1;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i]) && y[i] < 0.5 + tolerance) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Double.NaN;
        }
        if (Math.abs(y[first] - 0.5) < tolerance) {
            for (int i = first + 1; i < y.length; i++) {
                if (!Double.isNaN(y[i]) && y[i] < 0.5 + tolerance && y[i] < y[first]) {
                    return (x[first] + x[i]) / 2;
                }
            }
        }
        return x[first];
    }

    void writeTo(ObjectNode o) {
        o.put("stratum", stratum);
        MethodResult.putFinite(o, "n", n());
        MethodResult.putFinite(o, "events", events());
        array(o, "time", time);
        array(o, "n_risk", nRisk);
        array(o, "n_event", nEvent);
        array(o, "n_censor", nCensor);
        array(o, "surv", surv);
        array(o, "std_err", stdErr);
        array(o, "conf_low", confLow);
        array(o, "conf_high", confHigh);
        MethodResult.putFinite(o, "median", median);
        MethodResult.putFinite(o, "median_conf_low", medianLow);
        MethodResult.putFinite(o, "median_conf_high", medianHigh);
    }

    private static void array(ObjectNode o, String key, double[] values) {
        ArrayNode a = o.putArray(key);
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }
}
