package org.medfed.methods.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.medfed.method.MethodResult;

/**
 * A fitted binary model's evaluation: Hosmer–Lemeshow goodness of fit, discrimination (AUC with
 * DeLong interval, ROC curve), Brier score and calibration intercept and slope. Its JSON is the
 * {@code evaluation} block of the model's result; the ROC points and the risk groups are there in
 * full ({@code discrimination().roc()}, {@code hosmerLemeshow().groups()} here) so that plots can be
 * drawn from the result alone.
 *
 * @param intercept           calibration-in-the-large: c in {@code glm(y ~ 1 + offset(logit(p)), binomial)}
 * @param slope               b in {@code glm(y ~ logit(p), binomial)}
 * @param slopeModelIntercept a in that same two-parameter model
 */
public record Evaluation(EvaluationParameters parameters, HosmerLemeshow.Result hosmerLemeshow,
                         Discrimination.Result discrimination, double brier, double intercept, double slope,
                         double slopeModelIntercept, int calibrationIterations) {

    public double hosmerLemeshowStatistic() {
        return hosmerLemeshow.statistic();
    }

    public double hosmerLemeshowPValue() {
        return hosmerLemeshow.pValue();
    }

    public double auc() {
        return discrimination.auc();
    }

    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode hl = root.putObject("hosmer_lemeshow");
        MethodResult.putFinite(hl, "statistic", hosmerLemeshow.statistic());
        hl.put("df", hosmerLemeshow.df());
        MethodResult.putFinite(hl, "p_value", hosmerLemeshow.pValue());
        hl.put("g", parameters.groups());
        hl.put("grouping", "R's cut(p, quantile(p, seq(0, 1, length.out = g + 1), type = 7), include.lowest = TRUE) "
                + "on the pooled fitted probabilities p: group k holds lower < p <= upper; each upper bound is a "
                + "threshold that cuts exactly where the type-7 quantile does (see breaks)");
        ArrayNode groups = hl.putArray("groups");
        for (HosmerLemeshow.Group g : hosmerLemeshow.groups()) {
            ObjectNode o = groups.addObject();
            o.put("lower", g.lower());
            o.put("upper", g.upper());
            o.put("n", g.n());
            MethodResult.putFinite(o, "observed", g.observed());
            MethodResult.putFinite(o, "expected", g.expected());
            MethodResult.putFinite(o, "observed_0", g.observedNonEvents());
            MethodResult.putFinite(o, "expected_0", g.expectedNonEvents());
        }
        ArrayNode breaks = hl.putArray("breaks");
        for (HosmerLemeshow.Break b : hosmerLemeshow.breaks()) {
            ObjectNode o = breaks.addObject();
            o.put("probability", b.probability());
            o.put("order_statistic", b.orderStatistic());
            o.put("lower", b.lower());
            o.put("upper", b.upper());
            o.put("width", b.upper() - b.lower());
            o.put("rows_at_or_below", b.rowsAtOrBelow());
        }
        hl.put("bisection_rounds", hosmerLemeshow.bisectionRounds());

        ObjectNode auc = root.putObject("auc");
        MethodResult.putFinite(auc, "auc", discrimination.auc());
        MethodResult.putFinite(auc, "conf_low", discrimination.confLow());
        MethodResult.putFinite(auc, "conf_high", discrimination.confHigh());
        auc.put("conf_level", discrimination.confLevel());
        MethodResult.putFinite(auc, "std_error", discrimination.standardError());
        auc.put("method", "DeLong");
        auc.put("error_bound", discrimination.errorBound());
        auc.put("bins", discrimination.bins());
        auc.put("n_cases", discrimination.cases());
        auc.put("n_controls", discrimination.controls());
        ArrayNode roc = root.putArray("roc");
        for (Discrimination.RocPoint p : discrimination.roc()) {
            ObjectNode o = roc.addObject();
            o.put("threshold", p.threshold());
            o.put("tpr", p.tpr());
            o.put("fpr", p.fpr());
            o.put("tp", p.truePositives());
            o.put("fp", p.falsePositives());
        }
        MethodResult.putFinite(root, "brier", brier);
        ObjectNode cal = root.putObject("calibration");
        MethodResult.putFinite(cal, "intercept", intercept);
        MethodResult.putFinite(cal, "slope", slope);
        MethodResult.putFinite(cal, "slope_model_intercept", slopeModelIntercept);
        cal.put("intercept_method", "calibration-in-the-large: glm(y ~ 1 + offset(logit(p)), binomial)");
        cal.put("slope_method", "glm(y ~ logit(p), binomial)");
        cal.put("iterations", calibrationIterations);
        return root;
    }

    public String toText() {
        return toText("the rows of the fit");
    }

    /** The text, saying which rows the fitted probabilities are on (e.g. "the rows of the fit"). */
    public String toText(String rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model evaluation (fitted probabilities p on ").append(rows).append("; sites released only sums)\n\n");
        sb.append(String.format(Locale.ROOT, "Hosmer-Lemeshow goodness of fit, %d groups by quantiles of p:%n",
                parameters.groups()));
        sb.append(String.format(Locale.ROOT, "  X-squared = %.4f, df = %d, p-value = %s%n", hosmerLemeshow.statistic(),
                hosmerLemeshow.df(), p(hosmerLemeshow.pValue())));
        sb.append(String.format(Locale.ROOT, "  %5s  %-21s %5s %9s %9s%n", "group", "p in", "n", "observed", "expected"));
        List<HosmerLemeshow.Group> groups = hosmerLemeshow.groups();
        for (int k = 0; k < groups.size(); k++) {
            HosmerLemeshow.Group g = groups.get(k);
            String range = String.format(Locale.ROOT, "%s%.5f, %.5f]", k == 0 ? "[" : "(", g.lower(), g.upper());
            sb.append(String.format(Locale.ROOT, "  %5d  %-21s %5d %9.0f %9.3f%n", k + 1, range, g.n(), g.observed(),
                    g.expected()));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "AUC (Mann-Whitney) = %.4f, %s%% CI %.4f-%.4f (DeLong); from %d-bin score "
                        + "histograms, error bound %.2g%n", discrimination.auc(), percent(), discrimination.confLow(),
                discrimination.confHigh(), discrimination.bins(), discrimination.errorBound()));
        sb.append(String.format(Locale.ROOT, "  %d events, %d non-events; ROC curve: %d points (in the JSON result)%n",
                discrimination.cases(), discrimination.controls(), discrimination.roc().size()));
        sb.append(String.format(Locale.ROOT, "Brier score = %.5f%n", brier));
        sb.append(String.format(Locale.ROOT, "Calibration: intercept (calibration-in-the-large) = %s, slope = %s%n",
                signif(intercept), signif(slope)));
        return sb.toString();
    }

    private String percent() {
        double level = discrimination.confLevel() * 100;
        return level == Math.rint(level) ? String.valueOf((long) level) : String.valueOf(level);
    }

    /** Four significant digits, without printing a value of order 1e-9 as "-0.0000". */
    private static String signif(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toString();
    }

    private static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.3g", p) : String.format(Locale.ROOT, "%.4f", p);
    }
}
