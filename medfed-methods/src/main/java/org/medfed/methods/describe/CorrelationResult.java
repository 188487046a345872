package org.medfed.methods.describe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.medfed.method.MethodResult;

/**
 * A Pearson correlation matrix over the rows complete in every column, pooled over all sites,
 * with each pair's test as R's {@code cor.test} (t on n − 2 df, two-sided; Fisher-z interval).
 * JSON: {@code columns[], n, matrix[][]} and {@code pairs[].{x, y, estimate, statistic, df,
 * p_value, conf_low, conf_high, conf_level, method}}. Every pair uses the same complete rows, so a
 * pair's test equals {@code cor.test} on those rows (not on the rows complete in that pair alone).
 */
public record CorrelationResult(CorrelationParameters parameters, double n, double[][] matrix, List<Pair> pairs,
                                List<String> sites, String where, List<String> warnings) implements MethodResult {

    /** One pair's correlation and its test; CI NaN below 4 rows (R gives none). */
    public record Pair(String x, String y, double estimate, double statistic, double df, double pValue,
                       double confLow, double confHigh) {
    }

    public CorrelationResult {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        matrix = copy;
        pairs = List.copyOf(pairs);
        sites = List.copyOf(sites);
        warnings = List.copyOf(warnings);
    }

    /**
     * The correlations from the pooled centred cross-products {@code s} (s[i][i]: sum of squared
     * deviations), as R's {@code cor}: r = s_ij / (√s_ii √s_jj), clamped to [−1, 1], exactly 1 on
     * the diagonal, NA (NaN) for a column without spread.
     */
    static CorrelationResult of(CorrelationParameters parameters, double n, double[][] s, List<String> sites, String where) {
        int k = s.length;
        List<String> warnings = new ArrayList<>();
        double[] root = new double[k];
        for (int i = 0; i < k; i++) {
            root[i] = Math.sqrt(s[i][i]);
            if (s[i][i] < 0) {
                warnings.add("the sum of squared deviations of " + parameters.columns().get(i) + " came out negative "
                        + "(differential-privacy noise): its correlations are NA");
            } else if (!(root[i] > 0)) {
                warnings.add("the standard deviation of " + parameters.columns().get(i) + " is zero: its correlations are NA");
            }
        }
        double[][] r = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (!(root[i] > 0) || !(root[j] > 0)) {
                    r[i][j] = Double.NaN;
                } else if (i == j) {
                    r[i][j] = 1;
                } else {
                    r[i][j] = Math.max(-1, Math.min(1, s[i][j] / (root[i] * root[j])));
                }
            }
        }
        List<Pair> pairs = new ArrayList<>();
        double df = n - 2;
        TDistribution t = TDistribution.of(df);
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability((1 + parameters.confLevel()) / 2);
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double est = r[i][j];
                double statistic = Math.sqrt(df) * est / Math.sqrt(1 - est * est);
                double p = Double.isNaN(statistic) ? Double.NaN
                        : 2 * Math.min(t.cumulativeProbability(statistic), t.survivalProbability(statistic));
                double low = Double.NaN;
                double high = Double.NaN;
                if (n > 3) {
                    double centre = atanh(est);
                    double sigma = 1 / Math.sqrt(n - 3);
                    low = Math.tanh(centre - sigma * z);
                    high = Math.tanh(centre + sigma * z);
                }
                pairs.add(new Pair(parameters.columns().get(i), parameters.columns().get(j), est, statistic, df, p, low, high));
            }
        }
        return new CorrelationResult(parameters, n, r, pairs, sites, where, warnings);
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }

    /** The correlation of two named columns. */
    public double correlation(String a, String b) {
        return matrix[parameters.columns().indexOf(a)][parameters.columns().indexOf(b)];
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode root = ResultText.document("correlation", where, sites, n);
        ArrayNode columns = root.putArray("columns");
        parameters.columns().forEach(columns::add);
        ArrayNode m = root.putArray("matrix");
        for (double[] row : matrix) {
            ArrayNode a = m.addArray();
            for (double v : row) {
                if (Double.isFinite(v)) {
                    a.add(v);
                } else {
                    a.addNull();
                }
            }
        }
        ArrayNode p = root.putArray("pairs");
        for (Pair pair : pairs) {
            ObjectNode o = p.addObject();
            o.put("x", pair.x());
            o.put("y", pair.y());
            ResultText.number(o, "estimate", pair.estimate());
            ResultText.number(o, "statistic", pair.statistic());
            ResultText.count(o, "df", pair.df());
            ResultText.number(o, "p_value", pair.pValue());
            ResultText.number(o, "conf_low", pair.confLow());
            ResultText.number(o, "conf_high", pair.confHigh());
            o.put("conf_level", parameters.confLevel());
            o.put("method", "Pearson's product-moment correlation");
        }
        ObjectNode options = root.putObject("options");
        ArrayNode c = options.putArray("columns");
        parameters.columns().forEach(c::add);
        ObjectNode bounds = options.putObject("bounds");
        parameters.bounds().forEach((column, b) -> bounds.putArray(column).add(b[0]).add(b[1]));
        options.put("conf_level", parameters.confLevel());
        return root;
    }

    /** As R prints {@code cor(...)}, then one line per pair as {@code cor.test} reports it. */
    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(ResultText.heading("Pearson correlations of " + ResultText.fmt(n)
                + " complete rows", sites, where));
        List<List<String>> grid = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(""));
        header.addAll(parameters.columns());
        grid.add(header);
        for (int i = 0; i < matrix.length; i++) {
            List<String> line = new ArrayList<>(List.of(parameters.columns().get(i)));
            for (double v : matrix[i]) {
                line.add(ResultText.fmt(v));
            }
            grid.add(line);
        }
        sb.append(ResultText.grid(grid, "")).append('\n');
        sb.append("Pairwise tests (Pearson's product-moment correlation, two-sided; ")
                .append(ResultText.fmt(100 * parameters.confLevel())).append("% CI by Fisher's z):\n");
        List<List<String>> tests = new ArrayList<>();
        tests.add(List.of("x", "y", "cor", "t", "df", "p-value", "conf.low", "conf.high"));
        for (Pair p : pairs) {
            tests.add(List.of(p.x(), p.y(), ResultText.fmt(p.estimate()), ResultText.fmt(p.statistic()),
                    ResultText.fmt(p.df()), ResultText.fmt(p.pValue()), ResultText.fmt(p.confLow()),
                    ResultText.fmt(p.confHigh())));
        }
        sb.append(ResultText.grid(tests, "  "));
        if (!parameters.bounds().isEmpty()) {
            List<String> clips = new ArrayList<>();
            parameters.bounds().forEach((column, b) -> clips.add(column + " to [" + ResultText.fmt(b[0]) + ", "
                    + ResultText.fmt(b[1]) + "]"));
            sb.append("Values clipped before summing: ").append(String.join(", ", clips)).append('\n');
        }
        return sb.toString();
    }
}
