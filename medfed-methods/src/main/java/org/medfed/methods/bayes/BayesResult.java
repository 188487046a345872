package org.medfed.methods.bayes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.medfed.formula.Formula;
import org.medfed.method.JobContext;
import org.medfed.method.MethodResult;
import org.medfed.method.TextTable;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.SiteRows;
import org.medfed.methods.glm.GlmResult;

/**
 * The EP posterior: per term the posterior mean ({@code estimate}), posterior sd ({@code
 * std_error}) and the central credible interval of the Gaussian approximation; the posterior
 * covariance under {@code vcov}; the number of EP sweeps and per-site row counts.
 */
public record BayesResult(BayesLogisticParameters parameters, String formula, List<String> terms,
                          List<PosteriorTerm> coefficients, double[][] covariance, boolean converged, int iterations,
                          Map<String, Integer> rowsBySite, Map<String, Integer> droppedBySite, List<String> warnings,
                          String where, FrameSpec frame)
        implements MethodResult {

    /** One coefficient's marginal posterior (Gaussian) and its credible interval. */
    public record PosteriorTerm(String term, double mean, double sd, double credLow, double credHigh) {
    }

    static BayesResult of(BayesLogisticParameters parameters, Formula formula, FrameSpec frame, List<String> terms,
                          double[] mean, double[] cov, boolean converged, int iterations,
                          Map<String, Integer> rowsBySite, Map<String, Integer> droppedBySite, List<String> warnings,
                          JobContext context) {
        int p = terms.size();
        double q = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - parameters.confLevel()) / 2);
        List<PosteriorTerm> rows = new ArrayList<>();
        double[][] matrix = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                // The inverse is symmetric up to rounding; report the symmetric part.
                matrix[j][k] = 0.5 * (cov[j * p + k] + cov[k * p + j]);
            }
            double sd = Math.sqrt(matrix[j][j]);
            rows.add(new PosteriorTerm(terms.get(j), mean[j], sd, mean[j] - q * sd, mean[j] + q * sd));
        }
        return new BayesResult(parameters, formula.text(), List.copyOf(terms), List.copyOf(rows), matrix, converged,
                iterations, new LinkedHashMap<>(rowsBySite), new LinkedHashMap<>(droppedBySite), List.copyOf(warnings),
                context.where(), frame);
    }

    public int n() {
        return rowsBySite.values().stream().mapToInt(Integer::intValue).sum();
    }

    public PosteriorTerm coefficient(String term) {
        for (PosteriorTerm c : coefficients) {
            if (c.term().equals(term)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no term " + term);
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("method", "bayes-logistic");
        root.put("formula", formula);
        if (where != null) {
            root.put("where", where);
        }
        root.put("approximation", "expectation propagation");
        root.put("prior_sd", parameters.priorSd());
        root.put("converged", converged);
        root.put("iterations", iterations);
        root.put("n", n());
        GlmResult.putSites(root, rowsBySite, droppedBySite);
        root.put("cred_level", parameters.confLevel());
        ArrayNode coefs = root.putArray("coefficients");
        for (PosteriorTerm c : coefficients) {
            ObjectNode o = coefs.addObject();
            o.put("term", c.term());
            MethodResult.putFinite(o, "estimate", c.mean());
            MethodResult.putFinite(o, "std_error", c.sd());
            MethodResult.putFinite(o, "conf_low", c.credLow());
            MethodResult.putFinite(o, "conf_high", c.credHigh());
        }
        GlmResult.putVcov(root, terms, covariance);
        frame.putJson(root);
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        ObjectNode options = root.putObject("options");
        GlmResult.putLevels(options, parameters.levels());
        options.put("prior_sd", parameters.priorSd());
        options.put("damping", parameters.damping());
        options.put("tolerance", parameters.tolerance());
        options.put("maxit", parameters.maxit());
        options.put("cred_level", parameters.confLevel());
        return root;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Bayesian logistic regression (expectation propagation)\n");
        sb.append("Formula: ").append(formula);
        if (where != null) {
            sb.append(", subset: ").append(where);
        }
        sb.append('\n');
        sb.append("Prior: N(0, ").append(plain(parameters.priorSd())).append("^2) on every coefficient\n\n");
        String pct = plain(100 * parameters.confLevel());
        String[] header = {"", "Post. mean", "Post. sd", pct + "% lower", pct + "% upper"};
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        for (PosteriorTerm c : coefficients) {
            cells.add(new String[] {c.term(), fmt(c.mean()), fmt(c.sd()), fmt(c.credLow()), fmt(c.credHigh())});
        }
        TextTable.append(sb, cells, 1, " ");
        sb.append('\n').append(converged ? "Converged" : "Not converged").append(" after ").append(iterations)
                .append(" EP sweeps\n");
        sb.append("Sites: ");
        sb.append(SiteRows.text(rowsBySite, droppedBySite)).append('\n');
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    /** 95 as "95", 97.5 as "97.5": the number as typed, without trailing zeros. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
