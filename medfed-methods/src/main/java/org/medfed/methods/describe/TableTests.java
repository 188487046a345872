package org.medfed.methods.describe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The tests and effect measures the hub computes from a pooled contingency table — nothing more
 * is released for them. Pearson's χ² as R's {@code chisq.test} (Yates' continuity correction only
 * for a 2 × 2 table, and only when asked, R's default; a one-way table is tested against equal
 * proportions); Fisher's exact test as R's {@code fisher.test} ({@link FisherExact}); for a 2 × 2
 * table the risk difference of the first column between the two rows with its Wald interval (R's
 * {@code prop.test(tab, correct = FALSE)}) and the sample odds ratio with Woolf's Wald interval on
 * the log scale.
 *
 * <p>A test is never computed from counts that are not the pooled table: when any cell was
 * suppressed, or a count is not a whole number (differential-privacy noise), every test is left
 * out and {@link #notes()} says why. Null fields are tests that were not computed.
 */
public record TableTests(ChiSquared chisq, Fisher fisher, Measure riskDifference, Measure oddsRatio,
                         List<String> notes, List<String> warnings) {

    /** Pearson's χ² test; {@code correct} says whether Yates' correction was applied. */
    public record ChiSquared(double statistic, int df, double pValue, boolean correct, String method, double[][] expected) {
    }

    /** Fisher's exact test; the conditional MLE odds ratio and its interval only for a 2 × 2 table (else NaN). */
    public record Fisher(double pValue, String method, double estimate, double confLow, double confHigh, double confLevel) {
        public boolean hasOddsRatio() {
            return !Double.isNaN(estimate);
        }
    }

    /** An effect measure with its interval and the method of the interval. */
    public record Measure(double estimate, double confLow, double confHigh, double confLevel, String method,
                          double[] risks) {
    }

    public TableTests {
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param counts     the pooled table, [row][col] (a one-way table has one column)
     * @param suppressed cells whose count is incomplete because a site withheld it, or null
     * @param twoWay     whether the table crosses two variables
     * @param correct    R's {@code correct}: Yates' correction for a 2 × 2 χ² test
     * @param confLevel  level of the odds-ratio and risk-difference intervals
     */
    public static TableTests of(double[][] counts, boolean[][] suppressed, boolean twoWay, boolean correct,
                                double confLevel) {
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int hidden = 0;
        if (suppressed != null) {
            for (boolean[] row : suppressed) {
                for (boolean s : row) {
                    hidden += s ? 1 : 0;
                }
            }
        }
        if (hidden > 0) {
            notes.add("tests not computed: " + hidden + (hidden == 1 ? " cell was" : " cells were")
                    + " suppressed at a site, so the pooled counts are incomplete");
            return new TableTests(null, null, null, null, notes, warnings);
        }
        long[][] whole = wholeCounts(counts);
        if (whole == null) {
            notes.add("tests not computed: the counts are not whole non-negative numbers (differential-privacy "
                    + "noise was added at the sites), so a χ² or exact test of them would not be valid");
            return new TableTests(null, null, null, null, notes, warnings);
        }
        int r = counts.length;
        int c = r == 0 ? 0 : counts[0].length;
        if (!twoWay) {
            if (r < 2) {
                notes.add("no test: the table has fewer than two levels");
                return new TableTests(null, null, null, null, notes, warnings);
            }
            return new TableTests(goodnessOfFit(counts, warnings), null, null, null, notes, warnings);
        }
        if (r < 2 || c < 2) {
            notes.add("no test of association: the table has only one " + (r < 2 ? "row" : "column") + " level");
            return new TableTests(null, null, null, null, notes, warnings);
        }
        ChiSquared chisq = independence(counts, correct && r == 2 && c == 2, warnings);
        Fisher fisher;
        try {
            FisherExact.Result f = FisherExact.test(whole, confLevel);
            fisher = new Fisher(f.pValue(), r == 2 && c == 2 ? "Fisher's Exact Test for Count Data"
                    : "Fisher's Exact Test for Count Data (exact enumeration of the tables with the observed margins)",
                    f.estimate(), f.confLow(), f.confHigh(), confLevel);
        } catch (FisherExact.TooManyTables e) {
            fisher = null;
            notes.add("Fisher's exact test not computed: the margins of this " + r + " × " + c + " table admit more than "
                    + String.format(java.util.Locale.ROOT, "%,d", FisherExact.MAX_TABLES)
                    + " tables, beyond medfed's exact enumeration (R's fisher.test needs simulate.p.value for such "
                    + "tables too); use the χ² test, or fewer levels");
        }
        Measure rd = null;
        Measure or = null;
        if (r == 2 && c == 2) {
            rd = riskDifference(counts, confLevel);
            or = oddsRatio(counts, confLevel, notes);
        }
        return new TableTests(chisq, fisher, rd, or, notes, warnings);
    }

    private static long[][] wholeCounts(double[][] counts) {
        long[][] out = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            out[i] = new long[counts[i].length];
            for (int j = 0; j < counts[i].length; j++) {
                double v = counts[i][j];
                if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                    return null;
                }
                out[i][j] = (long) v;
            }
        }
        return out;
    }

    private static ChiSquared independence(double[][] x, boolean correct, List<String> warnings) {
        int r = x.length;
        int c = x[0].length;
        double[] rowSums = new double[r];
        double[] colSums = new double[c];
        double n = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                rowSums[i] += x[i][j];
                colSums[j] += x[i][j];
                n += x[i][j];
            }
        }
        double[][] expected = new double[r][c];
        double yates = 0;
        if (correct) {
            yates = 0.5;
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                // R: E <- outer(sr, sc) / n
                expected[i][j] = rowSums[i] * colSums[j] / n;
                if (correct) {
                    yates = Math.min(yates, Math.abs(x[i][j] - expected[i][j]));
                }
            }
        }
        double statistic = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double dev = Math.abs(x[i][j] - expected[i][j]) - yates;
                statistic += dev * dev / expected[i][j];
            }
        }
        int df = (r - 1) * (c - 1);
        warnSmallExpected(expected, warnings);
        return new ChiSquared(statistic, df, ChiSquaredDistribution.of(df).survivalProbability(statistic), yates > 0,
                yates > 0 ? "Pearson's Chi-squared test with Yates' continuity correction" : "Pearson's Chi-squared test",
                expected);
    }

    private static ChiSquared goodnessOfFit(double[][] x, List<String> warnings) {
        int k = x.length;
        double n = 0;
        for (double[] row : x) {
            n += row[0];
        }
        double[][] expected = new double[k][1];
        double statistic = 0;
        for (int i = 0; i < k; i++) {
            expected[i][0] = n / k;
            double dev = x[i][0] - expected[i][0];
            statistic += dev * dev / expected[i][0];
        }
        warnSmallExpected(expected, warnings);
        return new ChiSquared(statistic, k - 1, ChiSquaredDistribution.of(k - 1).survivalProbability(statistic), false,
                "Chi-squared test for given probabilities", expected);
    }

    private static void warnSmallExpected(double[][] expected, List<String> warnings) {
        for (double[] row : expected) {
            for (double e : row) {
                if (e < 5) {
                    warnings.add("Chi-squared approximation may be incorrect (an expected count is below 5)");
                    return;
                }
            }
        }
    }

    private static double z(double confLevel) {
        return NormalDistribution.of(0, 1).inverseCumulativeProbability((1 + confLevel) / 2);
    }

    /** prop.test(tab, correct = FALSE): p1 − p2 of the first column, Wald interval clipped to [−1, 1]. */
    private static Measure riskDifference(double[][] x, double confLevel) {
        double n1 = x[0][0] + x[0][1];
        double n2 = x[1][0] + x[1][1];
        double p1 = x[0][0] / n1;
        double p2 = x[1][0] / n2;
        double delta = p1 - p2;
        double width = z(confLevel) * Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        return new Measure(delta, Math.max(-1, delta - width), Math.min(1, delta + width), confLevel,
                "Wald (as prop.test(tab, correct = FALSE)): risk of the first column in the first row minus in the second row",
                new double[] {p1, p2});
    }

    /** The sample odds ratio (a·d)/(b·c) with Woolf's interval exp(log OR ± z·√(1/a + 1/b + 1/c + 1/d)). */
    private static Measure oddsRatio(double[][] x, double confLevel, List<String> notes) {
        double a = x[0][0];
        double b = x[0][1];
        double c = x[1][0];
        double d = x[1][1];
        if (a == 0 || b == 0 || c == 0 || d == 0) {
            notes.add("sample odds ratio not computed: a cell is 0, so it and its Wald interval are undefined "
                    + "(Fisher's conditional estimate and exact interval above still hold)");
            return null;
        }
        double or = a * d / (b * c);
        double se = Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
        double zse = z(confLevel) * se;
        return new Measure(or, Math.exp(Math.log(or) - zse), Math.exp(Math.log(or) + zse), confLevel,
                "sample odds ratio (a*d)/(b*c) with Woolf's Wald interval on the log scale", null);
    }

    /** {@code tests} (and {@code measures} for a 2 × 2 table) of the result document. */
    void writeTo(ObjectNode root) {
        ObjectNode tests = root.putObject("tests");
        if (chisq == null) {
            tests.putNull("chisq");
        } else {
            ObjectNode o = tests.putObject("chisq");
            ResultText.number(o, "statistic", chisq.statistic());
            o.put("df", chisq.df());
            ResultText.number(o, "p_value", chisq.pValue());
            o.put("correct", chisq.correct());
            o.put("method", chisq.method());
            ArrayNode e = o.putArray("expected");
            for (double[] row : chisq.expected()) {
                ArrayNode a = e.addArray();
                for (double v : row) {
                    a.add(v);
                }
            }
        }
        if (fisher == null) {
            tests.putNull("fisher");
        } else {
            ObjectNode o = tests.putObject("fisher");
            ResultText.number(o, "p_value", fisher.pValue());
            o.put("alternative", "two.sided");
            o.put("method", fisher.method());
            if (fisher.hasOddsRatio()) {
                infinite(o, "estimate", fisher.estimate());
                infinite(o, "conf_low", fisher.confLow());
                infinite(o, "conf_high", fisher.confHigh());
                o.put("conf_level", fisher.confLevel());
                o.put("estimate_method", "conditional maximum-likelihood odds ratio, exact interval");
            }
        }
        ArrayNode n = tests.putArray("notes");
        notes.forEach(n::add);
        if (riskDifference != null || oddsRatio != null) {
            ObjectNode measures = root.putObject("measures");
            measure(measures, "risk_difference", riskDifference);
            measure(measures, "odds_ratio", oddsRatio);
        }
    }

    /** R's Inf written as the fixtures write it: the string "Inf". */
    private static void infinite(ObjectNode o, String key, double v) {
        if (Double.isInfinite(v)) {
            o.put(key, v > 0 ? "Inf" : "-Inf");
        } else {
            ResultText.number(o, key, v);
        }
    }

    private static void measure(ObjectNode measures, String key, Measure m) {
        if (m == null) {
            measures.putNull(key);
            return;
        }
        ObjectNode o = measures.putObject(key);
        ResultText.number(o, "estimate", m.estimate());
        ResultText.number(o, "conf_low", m.confLow());
        ResultText.number(o, "conf_high", m.confHigh());
        o.put("conf_level", m.confLevel());
        o.put("method", m.method());
        if (m.risks() != null) {
            ArrayNode a = o.putArray("risks");
            for (double v : m.risks()) {
                a.add(v);
            }
        }
    }

    /** The tests as R prints them, after the table. */
    String toText() {
        StringBuilder sb = new StringBuilder();
        if (chisq != null) {
            sb.append('\n').append(chisq.method()).append('\n')
                    .append("X-squared = ").append(ResultText.fmt(chisq.statistic())).append(", df = ").append(chisq.df())
                    .append(", p-value = ").append(ResultText.fmt(chisq.pValue())).append('\n');
        }
        if (fisher != null) {
            sb.append('\n').append(fisher.method()).append('\n')
                    .append("p-value = ").append(ResultText.fmt(fisher.pValue())).append('\n');
            if (fisher.hasOddsRatio()) {
                sb.append("odds ratio (conditional MLE) = ").append(ResultText.fmt(fisher.estimate()))
                        .append(", ").append(percent(fisher.confLevel())).append(" CI ")
                        .append(ResultText.fmt(fisher.confLow())).append(" to ").append(ResultText.fmt(fisher.confHigh()))
                        .append('\n');
            }
        }
        if (riskDifference != null) {
            sb.append("\nrisk difference (first column, row 1 − row 2) = ").append(ResultText.fmt(riskDifference.estimate()))
                    .append(", ").append(percent(riskDifference.confLevel())).append(" Wald CI ")
                    .append(ResultText.fmt(riskDifference.confLow())).append(" to ")
                    .append(ResultText.fmt(riskDifference.confHigh())).append('\n');
        }
        if (oddsRatio != null) {
            sb.append(riskDifference == null ? "\n" : "").append("sample odds ratio = ").append(ResultText.fmt(oddsRatio.estimate()))
                    .append(", ").append(percent(oddsRatio.confLevel())).append(" Wald (Woolf) CI ")
                    .append(ResultText.fmt(oddsRatio.confLow())).append(" to ").append(ResultText.fmt(oddsRatio.confHigh()))
                    .append('\n');
        }
        for (String note : notes) {
            sb.append("\nNote: ").append(note).append('\n');
        }
        return sb.toString();
    }

    private static String percent(double level) {
        return ResultText.fmt(100 * level) + "%";
    }
}
