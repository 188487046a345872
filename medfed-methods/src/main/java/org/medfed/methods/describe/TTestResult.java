package org.medfed.methods.describe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;
import org.medfed.error.MedfedException;
import org.medfed.method.MethodResult;

/**
 * A two-sample t-test pooled over all sites, as R's {@code t.test(column ~ group)}: Welch's test
 * (Satterthwaite df) or, with {@code var.equal}, the pooled-variance test; two-sided, the
 * difference being first level minus second. JSON: {@code test.{statistic, df, p_value, conf_low,
 * conf_high, conf_level, estimate[], estimate_names[], method, alternative, null_value}} (R's
 * {@code htest} fields) and {@code groups[].{level, n, mean, sd, variance}}.
 */
public record TTestResult(TTestParameters parameters, List<String> levels, double[] n, double[] mean, double[] variance,
                          double statistic, double df, double pValue, double confLow, double confHigh,
                          List<String> sites, String where) implements MethodResult {

    public TTestResult {
        levels = List.copyOf(levels);
        n = n.clone();
        mean = mean.clone();
        variance = variance.clone();
        sites = List.copyOf(sites);
    }

    /** R's t.test.default from each group's count, mean and sum of squared deviations. */
    static TTestResult of(TTestParameters p, List<String> levels, double[] n, double[] mean, double[] ss,
                          List<String> sites, String where) {
        if (!(ss[0] >= 0) || !(ss[1] >= 0)) {
            throw new MedfedException("ttest: a group's sum of squared deviations came out negative (differential-privacy "
                    + "noise larger than the spread); no test");
        }
        double nx = n[0];
        double ny = n[1];
        double vx = nx > 1 ? ss[0] / (nx - 1) : Double.NaN;
        double vy = ny > 1 ? ss[1] / (ny - 1) : Double.NaN;
        double df;
        double stderr;
        if (p.varEqual()) {
            df = nx + ny - 2;
            double v = 0;
            if (nx > 1) {
                v += (nx - 1) * vx;
            }
            if (ny > 1) {
                v += (ny - 1) * vy;
            }
            v /= df;
            stderr = Math.sqrt(v * (1 / nx + 1 / ny));
        } else {
            double sx = Math.sqrt(vx / nx);
            double sy = Math.sqrt(vy / ny);
            stderr = Math.sqrt(sx * sx + sy * sy);
            df = Math.pow(stderr, 4) / (Math.pow(sx, 4) / (nx - 1) + Math.pow(sy, 4) / (ny - 1));
        }
        if (!(stderr >= 10 * Math.ulp(1.0) * Math.max(Math.abs(mean[0]), Math.abs(mean[1])))) {
            throw new MedfedException("ttest: the values of " + p.column() + " are essentially constant in both groups "
                    + "(R: data are essentially constant); no test");
        }
        double t = (mean[0] - mean[1]) / stderr;
        TDistribution dist = TDistribution.of(df);
        double pValue = 2 * dist.cumulativeProbability(-Math.abs(t));
        double q = dist.inverseCumulativeProbability(1 - (1 - p.confLevel()) / 2);
        return new TTestResult(p, levels, n, mean, new double[] {vx, vy}, t, df, pValue, (t - q) * stderr,
                (t + q) * stderr, sites, where);
    }

    /** R's {@code method} of the htest. */
    public String testName() {
        return parameters.varEqual() ? "Two Sample t-test" : "Welch Two Sample t-test";
    }

    public List<String> estimateNames() {
        return List.of("mean in group " + levels.get(0), "mean in group " + levels.get(1));
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode root = ResultText.document("ttest", where, sites, n[0] + n[1]);
        root.put("column", parameters.column());
        root.put("group", parameters.group());
        ObjectNode test = root.putObject("test");
        ResultText.number(test, "statistic", statistic);
        ResultText.number(test, "df", df);
        ResultText.number(test, "p_value", pValue);
        ResultText.number(test, "conf_low", confLow);
        ResultText.number(test, "conf_high", confHigh);
        test.put("conf_level", parameters.confLevel());
        ArrayNode estimate = test.putArray("estimate");
        estimate.add(mean[0]).add(mean[1]);
        ArrayNode names = test.putArray("estimate_names");
        estimateNames().forEach(names::add);
        test.put("null_value", 0.0);
        test.put("alternative", "two.sided");
        test.put("method", testName());
        ArrayNode groups = root.putArray("groups");
        for (int g = 0; g < 2; g++) {
            ObjectNode o = groups.addObject();
            o.put("level", levels.get(g));
            ResultText.count(o, "n", n[g]);
            ResultText.number(o, "mean", mean[g]);
            ResultText.number(o, "sd", Math.sqrt(variance[g]));
            ResultText.number(o, "variance", variance[g]);
        }
        ObjectNode options = root.putObject("options");
        options.put("column", parameters.column());
        options.put("group", parameters.group());
        options.put("var_equal", parameters.varEqual());
        options.put("conf_level", parameters.confLevel());
        ObjectNode bounds = options.putObject("bounds");
        parameters.bounds().forEach((column, b) -> bounds.putArray(column).add(b[0]).add(b[1]));
        ResultText.levels(options, parameters.levels());
        return root;
    }

    /** As R prints the htest, after the usual heading. */
    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(ResultText.heading(testName() + " of " + ResultText.fmt(n[0] + n[1])
                + " rows", sites, where));
        sb.append("data:  ").append(parameters.column()).append(" by ").append(parameters.group()).append('\n');
        sb.append("t = ").append(ResultText.fmt(statistic)).append(", df = ").append(ResultText.fmt(df))
                .append(", p-value = ").append(ResultText.fmt(pValue)).append('\n');
        sb.append("alternative hypothesis: true difference in means between group ").append(levels.get(0))
                .append(" and group ").append(levels.get(1)).append(" is not equal to 0\n");
        sb.append(ResultText.fmt(100 * parameters.confLevel())).append(" percent confidence interval:\n ")
                .append(ResultText.fmt(confLow)).append(' ').append(ResultText.fmt(confHigh)).append('\n');
        sb.append("sample estimates:\n");
        List<List<String>> grid = new ArrayList<>();
        grid.add(List.of("group", "n", "mean", "sd"));
        for (int g = 0; g < 2; g++) {
            grid.add(List.of(levels.get(g), ResultText.fmt(n[g]), ResultText.fmt(mean[g]),
                    ResultText.fmt(Math.sqrt(variance[g]))));
        }
        sb.append(ResultText.grid(grid, "  "));
        if (!parameters.bounds().isEmpty()) {
            double[] b = parameters.bounds().get(parameters.column());
            sb.append("Values clipped before summing: ").append(parameters.column()).append(" to [")
                    .append(ResultText.fmt(b[0])).append(", ").append(ResultText.fmt(b[1])).append("]\n");
        }
        return sb.toString();
    }
}
