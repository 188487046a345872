package org.medfed.methods.km;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.medfed.error.MedfedException;
import org.medfed.linalg.PivotedCholesky;
import org.medfed.method.MethodResult;
import org.medfed.method.TextTable;
import org.medfed.methods.survival.TimeGrid;

/**
 * The log-rank test from the pooled counts, as R's {@code survdiff} (rho = 0) computes it: per
 * group the observed events and those expected under equal hazards (at each time with events, the
 * group's share of the risk set times the events there), the hypergeometric variance matrix, and
 * χ² = (O − E)ᵀ V⁻¹ (O − E) over the groups with expected events > 0 but the first, on their
 * number − 1 degrees of freedom. JSON: {@code {groups[], n[], observed[], expected[], var[][], chisq,
 * df, p_value}} and the privacy block of {@link PooledCounts}.
 */
public record LogrankResult(LogrankParameters parameters, List<String> groups, double[] n, double[] observed,
                            double[] expected, double[][] variance, double chisq, int df, double pValue,
                            PooledCounts counts, List<String> sites, String where) implements MethodResult {

    public LogrankResult {
        groups = List.copyOf(groups);
        sites = List.copyOf(sites);
    }

    static LogrankResult of(LogrankParameters parameters, PooledCounts counts, List<String> sites, String where) {
        int g = counts.strata().size();
        double[][] atRisk = counts.atRisk();
        double[][] events = counts.events();
        int t = counts.grid().length;
        double[] n = new double[g];
        double[] observed = new double[g];
        double[] expected = new double[g];
        double[][] v = new double[g][g];
        for (int i = 0; i < g; i++) {
            n[i] = atRisk[i][0];
        }
        for (int k = 0; k < t; k++) {
            double risk = 0;
            double died = 0;
            for (int i = 0; i < g; i++) {
                risk += atRisk[i][k];
                died += events[i][k];
            }
            if (died == 0) {
                continue;
            }
            for (int i = 0; i < g; i++) {
                observed[i] += events[i][k];
                expected[i] += atRisk[i][k] * died / risk;
            }
            if (risk > 1) {
                double factor = died * (risk - died) / (risk - 1);
                for (int i = 0; i < g; i++) {
                    double share = atRisk[i][k] / risk;
                    for (int j = 0; j < g; j++) {
                        v[i][j] += factor * share * ((i == j ? 1 : 0) - atRisk[j][k] / risk);
                    }
                }
            }
        }
        double total = 0;
        for (double o : observed) {
            total += o;
        }
        if (total == 0) {
            throw new MedfedException("logrank: no events in " + parameters.event() + " at any site: the log-rank test "
                    + "compares event rates and has nothing to compare");
        }
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            if (expected[i] > 0) {
                used.add(i);
            }
        }
        double chisq = 0;
        int df = used.size() - 1;
        if (df >= 1) {
            double[] a = new double[df * df];
            double[] diff = new double[df];
            for (int r = 0; r < df; r++) {
                int i = used.get(r + 1);
                diff[r] = observed[i] - expected[i];
                for (int c = 0; c < df; c++) {
                    a[r * df + c] = v[i][used.get(c + 1)];
                }
            }
            PivotedCholesky chol = PivotedCholesky.decompose(a, df);
            if (chol.rank() < df) {
                throw new MedfedException("logrank: the variance matrix of the group differences is singular");
            }
            double[] x = chol.solve(diff);
            for (int r = 0; r < df; r++) {
                chisq += x[r] * diff[r];
            }
        }
        double p = df >= 1 ? ChiSquaredDistribution.of(df).survivalProbability(chisq) : Double.NaN;
        return new LogrankResult(parameters, counts.strata(), n, observed, expected, v, chisq, df, p, counts, sites, where);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode root = CountsResults.document("logrank", where, sites);
        ArrayNode gr = root.putArray("groups");
        groups.forEach(gr::add);
        array(root.putArray("n"), n);
        array(root.putArray("observed"), observed);
        array(root.putArray("expected"), expected);
        ArrayNode var = root.putArray("var");
        for (double[] row : variance) {
            array(var.addArray(), row);
        }
        MethodResult.putFinite(root, "chisq", chisq);
        root.put("df", df);
        MethodResult.putFinite(root, "p_value", pValue);
        ObjectNode options = root.putObject("options");
        options.put("time", parameters.time());
        options.put("event", parameters.event());
        options.put("group", parameters.group());
        counts.writePrivacy(root, parameters.time());
        return root;
    }

    private static void array(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }

    @Override
    public List<String> warnings() {
        return counts.notes(parameters.time());
    }

    /** As R prints a {@code survdiff}: N, observed, expected, (O-E)^2/E and (O-E)^2/V per group, then χ². */
    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        CountsResults.heading(sb, "Log-rank test", parameters.time(), parameters.event(), parameters.group(), sites, where);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"});
        int g = groups.size();
        double[] oe = new double[g];
        double[] ov = new double[g];
        for (int i = 0; i < g; i++) {
            double d = observed[i] - expected[i];
            oe[i] = d * d / expected[i];
            ov[i] = d * d / variance[i][i];
        }
        String[] e = column(expected);
        String[] a = column(oe);
        String[] b = column(ov);
        for (int i = 0; i < g; i++) {
            rows.add(new String[] {groups.get(i), TimeGrid.format(n[i]), TimeGrid.format(observed[i]), e[i], a[i],
                b[i]});
        }
        TextTable.append(sb, rows, 1, " ");
        sb.append(String.format(Locale.ROOT, "%n Chisq= %s  on %d degrees of freedom, p= %s%n",
                round(chisq, 1).stripTrailingZeros().toPlainString(), df,
                pValue < 1e-16 ? "<1e-16" : signif(pValue, 1).toPlainString()));
        CountsResults.notes(sb, warnings());
        return sb.toString();
    }

    /**
     * A column as R's print.survdiff shows it: each value to 3 significant digits, then all with
     * the decimals the most precise one needs (R's format of the column).
     */
    private static String[] column(double[] values) {
        int scale = 0;
        BigDecimal[] r = new BigDecimal[values.length];
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                r[i] = signif(values[i], 3).stripTrailingZeros();
                scale = Math.max(scale, Math.max(0, r[i].scale()));
            }
        }
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = r[i] == null ? "NA" : r[i].setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
        }
        return out;
    }

    private static BigDecimal signif(double v, int digits) {
        return new BigDecimal(v).round(new MathContext(digits));
    }

    private static BigDecimal round(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN);
    }
}
