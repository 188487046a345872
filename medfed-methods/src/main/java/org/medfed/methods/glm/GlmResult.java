package org.medfed.methods.glm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.medfed.formula.Formula;
import org.medfed.linalg.PivotedCholesky;
import org.medfed.method.JobContext;
import org.medfed.method.MethodResult;
import org.medfed.methods.evaluation.Evaluation;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.SiteRows;

/**
 * A fitted GLM: coefficients with Wald inference, the covariance matrix, fit statistics, per-site
 * row counts and R's warnings, and the model's evaluation when one was asked for (else null).
 * JSON follows SPEC.md's regression result shape, with the evaluation under {@code evaluation},
 * and the harmonized frame (which variables are numeric, every factor's level order) under
 * {@code model_frame}: with the formula and the coefficients, everything needed to rebuild the
 * design identically on other data ({@code evaluate --model}).
 */
public record GlmResult(GlmParameters parameters, String family, String link, String formula,
                        List<Coefficient> coefficients, List<String> terms, double[][] vcov, GlmFit fit,
                        boolean converged, int iterations, boolean boundary, Map<String, Integer> rowsBySite,
                        Map<String, Integer> droppedBySite, List<String> warnings, String where,
                        FrameSpec frame, Evaluation evaluation)
        implements MethodResult {

    static GlmResult of(GlmParameters parameters, GlmFamily family, Formula formula, FrameSpec frame, List<String> terms,
                        double[] beta, PivotedCholesky information, GlmFit fit, boolean converged, int iterations,
                        boolean boundary, Map<String, Integer> rowsBySite, Map<String, Integer> droppedBySite,
                        List<String> warnings, JobContext context) {
        int p = terms.size();
        double[] inv = information.inverse();
        double[][] vcov = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                vcov[i][j] = inv[i * p + j] * fit.dispersion();
            }
        }
        boolean t = family.estimatesDispersion();
        NormalDistribution normal = NormalDistribution.of(0, 1);
        TDistribution tDist = t && fit.dfResidual() > 0 ? TDistribution.of(fit.dfResidual()) : null;
        double q = normal.inverseSurvivalProbability((1 - parameters.confLevel()) / 2);
        List<Coefficient> rows = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (information.isAliased(j)) {
                rows.add(new Coefficient(terms.get(j), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            double est = beta[j];
            double se = Math.sqrt(vcov[j][j]);
            double stat = est / se;
            double pValue;
            if (t) {
                pValue = tDist == null ? Double.NaN : 2 * tDist.survivalProbability(Math.abs(stat));
            } else {
                pValue = 2 * normal.survivalProbability(Math.abs(stat));
            }
            rows.add(new Coefficient(terms.get(j), est, se, stat, pValue, est - q * se, est + q * se));
        }
        return new GlmResult(parameters, family.name(), family.link(), formula.text(), List.copyOf(rows),
                List.copyOf(terms), vcov, fit, converged, iterations, boundary, new LinkedHashMap<>(rowsBySite),
                new LinkedHashMap<>(droppedBySite), List.copyOf(warnings), context.where(), frame, null);
    }

    /** This fit with its evaluation. */
    GlmResult withEvaluation(Evaluation e) {
        return new GlmResult(parameters, family, link, formula, coefficients, terms, vcov, fit, converged, iterations,
                boundary, rowsBySite, droppedBySite, warnings, where, frame, e);
    }

    /** Whether the statistics are t (dispersion estimated, as for gaussian) rather than z. */
    public boolean tStatistics() {
        return GlmFamily.named(family).estimatesDispersion();
    }

    public int n() {
        return rowsBySite.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Coefficient coefficient(String term) {
        for (Coefficient c : coefficients) {
            if (c.term().equals(term)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no term " + term);
    }

    @Override
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("method", "glm");
        root.put("family", family);
        root.put("link", link);
        root.put("formula", formula);
        if (where != null) {
            root.put("where", where);
        }
        root.put("converged", converged);
        root.put("iterations", iterations);
        root.put("boundary", boundary);
        root.put("n", n());
        putSites(root, rowsBySite, droppedBySite);
        ArrayNode coefs = root.putArray("coefficients");
        for (Coefficient c : coefficients) {
            putCoefficient(coefs, c.term(), c.estimate(), c.stdError(), c.statistic(), c.pValue(), c.confLow(), c.confHigh());
        }
        root.put("statistic_type", tStatistics() ? "t" : "z");
        root.put("conf_level", parameters.confLevel());
        putVcov(root, terms, vcov);
        ObjectNode fitNode = root.putObject("fit");
        MethodResult.putFinite(fitNode, "deviance", fit.deviance());
        MethodResult.putFinite(fitNode, "null_deviance", fit.nullDeviance());
        fitNode.put("df_residual", (long) fit.dfResidual());
        fitNode.put("df_null", (long) fit.dfNull());
        MethodResult.putFinite(fitNode, "aic", fit.aic());
        MethodResult.putFinite(fitNode, "bic", fit.bic());
        MethodResult.putFinite(fitNode, "log_likelihood", fit.logLikelihood());
        fitNode.put("rank", fit.rank());
        MethodResult.putFinite(fitNode, "dispersion", fit.dispersion());
        MethodResult.putFinite(fitNode, "pearson_chisq", fit.pearsonChisq());
        frame.putJson(root);
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        if (evaluation != null) {
            root.set("evaluation", evaluation.toJson());
        }
        // How the fit was made, so that it can be reproduced (runtime details are added by the runtime).
        ObjectNode options = root.putObject("options");
        if (parameters.weights() == null) {
            options.putNull("weights");
        } else {
            options.put("weights", parameters.weights());
        }
        putLevels(options, parameters.levels());
        options.put("epsilon", parameters.epsilon());
        options.put("maxit", parameters.maxit());
        options.put("conf_level", parameters.confLevel());
        if (parameters.evaluate() != null) {
            ObjectNode e = options.putObject("evaluate");
            e.put("hl_groups", parameters.evaluate().groups());
            e.put("auc_bins", parameters.evaluate().histogramBins());
        }
        return root;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Call:\n");
        sb.append("glm(formula = ").append(formula).append(", family = ").append(family)
                .append(", data = <").append(rowsBySite.size()).append(" sites>");
        if (where != null) {
            sb.append(", subset = ").append(where);
        }
        sb.append(")\n\n");
        boolean t = tStatistics();
        String[] header = {"", "Estimate", "Std. Error", t ? "t value" : "z value", t ? "Pr(>|t|)" : "Pr(>|z|)", ""};
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        int decimals = sharedDecimals(coefficients);
        for (Coefficient c : coefficients) {
            if (c.aliased()) {
                cells.add(new String[] {c.term(), "NA", "NA", "NA", "NA", ""});
            } else {
                cells.add(new String[] {c.term(), fixed(c.estimate(), decimals), fixed(c.stdError(), decimals),
                        String.format(Locale.ROOT, "%.3f", c.statistic()), pFormat(c.pValue()), stars(c.pValue())});
            }
        }
        long aliased = coefficients.stream().filter(Coefficient::aliased).count();
        sb.append("Coefficients:");
        if (aliased > 0) {
            sb.append(" (").append(aliased).append(" not defined because of singularities)");
        }
        sb.append('\n');
        int[] width = new int[header.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            sb.append(pad(row[0], width[0], true));
            for (int i = 1; i < row.length - 1; i++) {
                sb.append(' ').append(pad(row[i], width[i], false));
            }
            sb.append(' ').append(row[row.length - 1]).append('\n');
        }
        sb.append("---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n\n");
        if (t) {
            sb.append("(Dispersion parameter for gaussian family taken to be ").append(fmt(fit.dispersion())).append(")\n\n");
        } else {
            sb.append("(Dispersion parameter for ").append(family).append(" family taken to be 1)\n\n");
        }
        sb.append(String.format(Locale.ROOT, "    Null deviance: %s  on %d  degrees of freedom%n", fmt(fit.nullDeviance()), (long) fit.dfNull()));
        sb.append(String.format(Locale.ROOT, "Residual deviance: %s  on %d  degrees of freedom%n", fmt(fit.deviance()), (long) fit.dfResidual()));
        sb.append("AIC: ").append(fmt(fit.aic())).append("\n\n");
        sb.append("Number of Fisher Scoring iterations: ").append(iterations).append("\n\n");
        sb.append("Sites: ");
        sb.append(SiteRows.text(rowsBySite, droppedBySite)).append('\n');
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        if (evaluation != null) {
            sb.append('\n').append(evaluation.toText());
        }
        return sb.toString();
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NA" : (v > 0 ? "Inf" : "-Inf");
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * Like R's printCoefmat: estimates and standard errors share one number of decimals, enough
     * for every value to show four significant digits (at most 10; smaller values go scientific).
     */
    static int sharedDecimals(List<Coefficient> coefficients) {
        int decimals = 0;
        for (Coefficient c : coefficients) {
            for (double v : new double[] {c.estimate(), c.stdError()}) {
                if (Double.isFinite(v) && v != 0) {
                    decimals = Math.max(decimals, 3 - (int) Math.floor(Math.log10(Math.abs(v))));
                }
            }
        }
        return Math.min(decimals, 10);
    }

    private static String fixed(double v, int decimals) {
        if (v != 0 && Math.abs(v) < Math.pow(10, -decimals + 1)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String pFormat(double p) {
        if (Double.isNaN(p)) {
            return "NA";
        }
        if (p < 2e-16) {
            return "<2e-16";
        }
        if (p < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", p);
        }
        return String.format(Locale.ROOT, "%.5f", p);
    }

    static String stars(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }

    private static String pad(String s, int width, boolean left) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return left ? s + fill : fill + s;
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The {@code sites[]} block of a model's result, {@code {name, n, dropped_na}} per site in job
     * order; also written by the stored-model evaluation, which reports the same rows.
     */
    public static void putSites(ObjectNode root, Map<String, Integer> rowsBySite, Map<String, Integer> droppedBySite) {
        ArrayNode sites = root.putArray("sites");
        rowsBySite.forEach((name, n) -> {
            ObjectNode s = sites.addObject();
            s.put("name", name);
            s.put("n", n);
            s.put("dropped_na", droppedBySite.getOrDefault(name, 0));
        });
    }

    /**
     * One {@code coefficients[]} entry of the regression shape (term, estimate, std_error,
     * statistic, p_value, conf_low, conf_high; null where not finite, as for an aliased term).
     * Returned so that Cox can add its hazard-ratio fields to the same entry.
     */
    public static ObjectNode putCoefficient(ArrayNode coefficients, String term, double estimate, double stdError,
                                            double statistic, double pValue, double confLow, double confHigh) {
        ObjectNode o = coefficients.addObject();
        o.put("term", term);
        MethodResult.putFinite(o, "estimate", estimate);
        MethodResult.putFinite(o, "std_error", stdError);
        MethodResult.putFinite(o, "statistic", statistic);
        MethodResult.putFinite(o, "p_value", pValue);
        MethodResult.putFinite(o, "conf_low", confLow);
        MethodResult.putFinite(o, "conf_high", confHigh);
        return o;
    }

    /** The {@code vcov} block: the terms and the matrix, null where an entry is not finite (an aliased term). */
    public static void putVcov(ObjectNode root, List<String> terms, double[][] vcov) {
        ObjectNode v = root.putObject("vcov");
        ArrayNode vt = v.putArray("terms");
        terms.forEach(vt::add);
        ArrayNode m = v.putArray("matrix");
        for (double[] row : vcov) {
            ArrayNode r = m.addArray();
            for (double x : row) {
                if (Double.isFinite(x)) {
                    r.add(x);
                } else {
                    r.addNull();
                }
            }
        }
    }

    /** The analyst's factor level orders as {@code options.levels}: factor to its levels, in order. */
    public static void putLevels(ObjectNode options, Map<String, List<String>> levels) {
        ObjectNode node = options.putObject("levels");
        levels.forEach((factor, lv) -> {
            ArrayNode a = node.putArray(factor);
            lv.forEach(a::add);
        });
    }
}
