package org.medfed.methods.multinom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.medfed.method.JobContext;
import org.medfed.method.MethodResult;
import org.medfed.method.TextTable;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.SiteRows;
import org.medfed.methods.glm.GlmResult;

/**
 * A fitted multinomial logistic regression: per non-reference level, coefficients with Wald
 * inference (z statistics); the covariance matrix in nnet's order (every coefficient of the first
 * non-reference level, then the next) with nnet's {@code level:term} names; deviance, AIC, the
 * log-likelihood; row counts per site and per response level.
 */
public record MultinomResult(MultinomParameters parameters, String formula, String response, List<String> levels,
                             List<MultinomCoefficient> coefficients, List<String> vcovTerms, double[][] vcov,
                             double deviance, int edf, boolean converged, int iterations, Map<String, Long> levelCounts,
                             Map<String, Integer> rowsBySite, Map<String, Integer> droppedBySite, List<String> warnings,
                             String where, FrameSpec frame)
        implements MethodResult {

    static MultinomResult of(MultinomParameters parameters, MultinomModel model, List<String> levels, List<String> terms,
                             double[] beta, double[] inverseInformation, double deviance, boolean converged,
                             int iterations, double[] levelCounts, Map<String, Integer> rowsBySite,
                             Map<String, Integer> droppedBySite, List<String> warnings, FrameSpec frame,
                             JobContext context) {
        int p = terms.size();
        int q = beta.length;
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double z = normal.inverseSurvivalProbability((1 - parameters.confLevel()) / 2);
        List<MultinomCoefficient> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[][] vcov = new double[q][q];
        for (int j = 0; j < q; j++) {
            for (int l = 0; l < q; l++) {
                vcov[j][l] = inverseInformation[j * q + l];
            }
            String level = levels.get(1 + j / p);
            String term = terms.get(j % p);
            double est = beta[j];
            double se = Math.sqrt(vcov[j][j]);
            double stat = est / se;
            rows.add(new MultinomCoefficient(level, term, est, se, stat, 2 * normal.survivalProbability(Math.abs(stat)),
                    est - z * se, est + z * se));
            names.add(level + ":" + term);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int k = 0; k < levels.size(); k++) {
            counts.put(levels.get(k), Math.round(levelCounts[k]));
        }
        return new MultinomResult(parameters, model.formula().text(), model.response(), List.copyOf(levels),
                List.copyOf(rows), List.copyOf(names), vcov, deviance, q, converged, iterations, counts,
                new LinkedHashMap<>(rowsBySite), new LinkedHashMap<>(droppedBySite), List.copyOf(warnings),
                context.where(), frame);
    }

    public String referenceLevel() {
        return levels.get(0);
    }

    public double logLikelihood() {
        return -deviance / 2;
    }

    /** R's {@code AIC(multinom)}: deviance + 2 × the number of coefficients. */
    public double aic() {
        return deviance + 2 * edf;
    }

    public int n() {
        return rowsBySite.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The coefficient of {@code term} for level {@code yLevel}. */
    public MultinomCoefficient coefficient(String yLevel, String term) {
        for (MultinomCoefficient c : coefficients) {
            if (c.yLevel().equals(yLevel) && c.term().equals(term)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no coefficient " + yLevel + ":" + term);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("method", "multinom");
        root.put("formula", formula);
        if (where != null) {
            root.put("where", where);
        }
        root.put("response", response);
        ArrayNode lv = root.putArray("levels");
        levels.forEach(lv::add);
        root.put("reference_level", referenceLevel());
        root.put("converged", converged);
        root.put("iterations", iterations);
        root.put("n", n());
        GlmResult.putSites(root, rowsBySite, droppedBySite);
        ObjectNode countNode = root.putObject("level_counts");
        levelCounts.forEach(countNode::put);
        ArrayNode coefs = root.putArray("coefficients");
        for (MultinomCoefficient c : coefficients) {
            ObjectNode o = coefs.addObject();
            o.put("y_level", c.yLevel());
            o.put("term", c.term());
            o.put("name", c.name());
            MethodResult.putFinite(o, "estimate", c.estimate());
            MethodResult.putFinite(o, "std_error", c.stdError());
            MethodResult.putFinite(o, "statistic", c.statistic());
            MethodResult.putFinite(o, "p_value", c.pValue());
            MethodResult.putFinite(o, "conf_low", c.confLow());
            MethodResult.putFinite(o, "conf_high", c.confHigh());
        }
        root.put("statistic_type", "z");
        root.put("conf_level", parameters.confLevel());
        GlmResult.putVcov(root, vcovTerms, vcov);
        ObjectNode fit = root.putObject("fit");
        MethodResult.putFinite(fit, "deviance", deviance);
        MethodResult.putFinite(fit, "aic", aic());
        MethodResult.putFinite(fit, "log_likelihood", logLikelihood());
        fit.put("edf", edf);
        frame.putJson(root);
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        ObjectNode options = root.putObject("options");
        if (parameters.reference() == null) {
            options.putNull("reference");
        } else {
            options.put("reference", parameters.reference());
        }
        GlmResult.putLevels(options, parameters.levels());
        options.put("epsilon", parameters.epsilon());
        options.put("maxit", parameters.maxit());
        options.put("conf_level", parameters.confLevel());
        return root;
    }

    /** Like {@code summary(multinom)}: coefficient and standard-error matrices (levels by terms), then a z table. */
    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Call:\nmultinom(formula = ").append(formula).append(", data = <").append(rowsBySite.size())
                .append(" sites>");
        if (where != null) {
            sb.append(", subset = ").append(where);
        }
        sb.append(")\n\n");
        sb.append("Reference level: ").append(referenceLevel()).append("\n\n");
        matrix(sb, "Coefficients:", true);
        sb.append('\n');
        matrix(sb, "Std. Errors:", false);
        sb.append("\nResidual Deviance: ").append(signif(deviance, 7)).append(" \n");
        sb.append("AIC: ").append(signif(aic(), 7)).append(" \n\n");
        sb.append("Wald tests:\n");
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"", "", "Estimate", "Std. Error", "z value", "Pr(>|z|)"});
        for (MultinomCoefficient c : coefficients) {
            cells.add(new String[] {c.yLevel(), c.term(), signif(c.estimate(), 6), signif(c.stdError(), 6),
                    String.format(Locale.ROOT, "%.3f", c.statistic()), pFormat(c.pValue())});
        }
        TextTable.append(sb, cells, 2, " ");
        sb.append('\n').append("Newton-Raphson iterations: ").append(iterations)
                .append(converged ? "" : " (not converged)").append('\n');
        sb.append("Sites: ");
        sb.append(SiteRows.text(rowsBySite, droppedBySite)).append('\n');
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    private void matrix(StringBuilder sb, String title, boolean estimates) {
        sb.append(title).append('\n');
        int p = coefficients.size() / (levels.size() - 1);
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[p + 1];
        header[0] = "";
        for (int a = 0; a < p; a++) {
            header[a + 1] = coefficients.get(a).term();
        }
        cells.add(header);
        for (int k = 1; k < levels.size(); k++) {
            String[] row = new String[p + 1];
            row[0] = levels.get(k);
            for (int a = 0; a < p; a++) {
                MultinomCoefficient c = coefficients.get((k - 1) * p + a);
                row[a + 1] = signif(estimates ? c.estimate() : c.stdError(), 7);
            }
            cells.add(row);
        }
        TextTable.append(sb, cells, 1, " ");
    }

    private static String signif(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NA" : (v > 0 ? "Inf" : "-Inf");
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e15)) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    private static String pFormat(double p) {
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

    @Override
    public List<String> warnings() {
        return warnings;
    }
}
