package org.medfed.methods.cox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.medfed.formula.SurvivalFormula;
import org.medfed.method.JobContext;
import org.medfed.method.MethodResult;
import org.medfed.methods.frame.SiteRows;
import org.medfed.methods.glm.GlmResult;
import org.medfed.methods.survival.TimeCoarsening;

/**
 * A fitted Cox model as {@code summary(coxph)} shows it: coefficients with hazard ratios and Wald
 * inference, the covariance matrix (inverse information at the estimate), the null and final log
 * partial likelihood, the likelihood-ratio, Wald and score tests, rows and events, iterations,
 * and which design produced it. JSON follows the GLM's regression shape plus {@code loglik},
 * {@code tests}, {@code nevent} and a {@code privacy} block saying what the design revealed.
 */
public record CoxResult(CoxParameters parameters, String formula, List<CoxCoefficient> coefficients, List<String> terms,
                        double[][] vcov, double loglikNull, double loglikFinal, CoxTest likelihoodRatio, CoxTest wald,
                        CoxTest score, long nevent, int iterations, boolean converged, Map<String, Integer> rowsBySite,
                        Map<String, Integer> droppedBySite, List<String> strata, TimeCoarsening coarsening,
                        List<String> warnings, CoxConcordance concordance, String where)
        implements MethodResult {

    static CoxResult of(CoxParameters parameters, SurvivalFormula formula, List<String> terms, CoxNewton newton,
                        boolean converged, Map<String, Integer> rowsBySite, Map<String, Integer> droppedBySite,
                        long nevent, List<String> strata, Map<String, Double> timeSteps, List<String> warnings,
                        CoxConcordance concordance, JobContext context) {
        int p = terms.size();
        double[] info = newton.information();
        SurvivalCholesky chol = SurvivalCholesky.of(info, p);
        double[] inv = chol.inverse();
        double[] beta = newton.estimate();
        List<String> notes = new ArrayList<>(warnings);
        List<Integer> singular = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (chol.singular(j)) {
                singular.add(j + 1);
            }
        }
        if (!singular.isEmpty()) {
            notes.add("X matrix deemed to be singular; variable " + String.join(" ",
                    singular.stream().map(String::valueOf).toList()));
        }
        double[][] vcov = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                vcov[i][j] = chol.singular(i) || chol.singular(j) ? Double.NaN : inv[i * p + j];
            }
        }
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double q = normal.inverseSurvivalProbability((1 - parameters.confLevel()) / 2);
        List<CoxCoefficient> rows = new ArrayList<>();
        double walds = 0;
        int df = 0;
        for (int j = 0; j < p; j++) {
            if (chol.singular(j)) {
                rows.add(new CoxCoefficient(terms.get(j), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            df++;
            double est = beta[j];
            double se = Math.sqrt(vcov[j][j]);
            double z = est / se;
            double low = est - q * se;
            double high = est + q * se;
            rows.add(new CoxCoefficient(terms.get(j), est, se, z, 2 * normal.survivalProbability(Math.abs(z)), low, high,
                    Math.exp(est), Math.exp(low), Math.exp(high)));
            for (int k = 0; k < p; k++) {
                if (!chol.singular(k)) {
                    walds += beta[j] * info[j * p + k] * beta[k];
                }
            }
        }
        double lr = 2 * (newton.loglikFinal() - newton.loglikNull());
        return new CoxResult(parameters, formula.text(), List.copyOf(rows), List.copyOf(terms), vcov, newton.loglikNull(),
                newton.loglikFinal(), test(lr, df), test(walds, df), test(newton.scoreTest(), df), nevent,
                newton.iterations(), converged, new LinkedHashMap<>(rowsBySite), new LinkedHashMap<>(droppedBySite),
                List.copyOf(strata), new TimeCoarsening(formula.timeColumn(), timeSteps), List.copyOf(notes), concordance,
                context.where());
    }

    private static CoxTest test(double statistic, int df) {
        double pValue = df > 0 ? ChiSquaredDistribution.of(df).survivalProbability(statistic) : Double.NaN;
        return new CoxTest(statistic, df, pValue);
    }

    public long n() {
        return rowsBySite.values().stream().mapToLong(Integer::longValue).sum();
    }

    public CoxCoefficient coefficient(String term) {
        for (CoxCoefficient c : coefficients) {
            if (c.term().equals(term)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no term " + term);
    }

    /** "pooled" (shared baseline hazard, WebDISCO) or "site_stratified" (one baseline per site). */
    public String baseline() {
        return parameters.stratifyBySite() ? "site_stratified" : "pooled";
    }

    @Override
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("method", "cox");
        root.put("formula", formula);
        root.put("ties", parameters.ties());
        root.put("baseline", baseline());
        if (where != null) {
            root.put("where", where);
        }
        root.put("converged", converged);
        root.put("iterations", iterations);
        root.put("n", n());
        root.put("nevent", nevent);
        GlmResult.putSites(root, rowsBySite, droppedBySite);
        if (!strata.isEmpty()) {
            ArrayNode s = root.putArray("strata");
            strata.forEach(s::add);
        }
        ArrayNode coefs = root.putArray("coefficients");
        for (CoxCoefficient c : coefficients) {
            ObjectNode o = GlmResult.putCoefficient(coefs, c.term(), c.estimate(), c.stdError(), c.statistic(), c.pValue(),
                    c.confLow(), c.confHigh());
            MethodResult.putFinite(o, "exp_estimate", c.expEstimate());
            MethodResult.putFinite(o, "exp_conf_low", c.expConfLow());
            MethodResult.putFinite(o, "exp_conf_high", c.expConfHigh());
        }
        root.put("statistic_type", "z");
        root.put("conf_level", parameters.confLevel());
        GlmResult.putVcov(root, terms, vcov);
        ArrayNode ll = root.putArray("loglik");
        ll.add(loglikNull);
        ll.add(loglikFinal);
        ObjectNode tests = root.putObject("tests");
        putTest(tests.putObject("likelihood_ratio"), likelihoodRatio);
        putTest(tests.putObject("wald"), wald);
        putTest(tests.putObject("score"), score);
        if (concordance == null) {
            root.putNull("concordance");
        } else {
            ObjectNode c = root.putObject("concordance");
            MethodResult.putFinite(c, "concordance", concordance.concordance());
            MethodResult.putFinite(c, "std_error", concordance.stdError());
            c.put("concordant", concordance.concordant());
            c.put("discordant", concordance.discordant());
            c.put("tied_x", concordance.tiedX());
            c.put("tied_y", concordance.tiedY());
            MethodResult.putFinite(c, "tied_xy", concordance.tiedXY());
            c.put("error_bound", concordance.errorBound());
            if (concordance.exact()) {
                c.put("method", "exact: pair counts within each site's strata, summed");
            } else {
                c.put("bins", concordance.bins());
                c.put("method", "binned risk scores per event time: concordant and discordant count pairs in different "
                        + "bins, tied_x pairs in the same bin (counted as ties); the exact C is within error_bound");
            }
        }
        ObjectNode fit = root.putObject("fit");
        fit.put("loglik_null", loglikNull);
        fit.put("loglik", loglikFinal);
        fit.put("aic", -2 * loglikFinal + 2 * likelihoodRatio.df());
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        ObjectNode privacy = root.putObject("privacy");
        privacy.put("baseline", baseline());
        privacy.put("reveals", parameters.stratifyBySite()
                ? "no times: each site released only its own strata's log partial likelihood, score and information sums"
                : "event times: the distinct event times of every stratum (their union over sites), the number of "
                        + "events at each, per round risk-set and tied-event sums at each of those times, and (for the "
                        + "concordance) histograms of binned risk scores at each of those times");
        coarsening.writeTo(privacy);
        ArrayNode privacyNotes = privacy.putArray("notes");
        coarsening.notes().forEach(privacyNotes::add);
        ObjectNode options = root.putObject("options");
        options.put("ties", parameters.ties());
        options.put("stratify_by_site", parameters.stratifyBySite());
        GlmResult.putLevels(options, parameters.levels());
        options.put("epsilon", parameters.epsilon());
        options.put("maxit", parameters.maxit());
        options.put("conf_level", parameters.confLevel());
        return root;
    }

    private static void putTest(ObjectNode o, CoxTest t) {
        MethodResult.putFinite(o, "statistic", t.statistic());
        o.put("df", t.df());
        MethodResult.putFinite(o, "p_value", t.pValue());
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Call:\n");
        sb.append("coxph(formula = ").append(formula);
        if (parameters.stratifyBySite()) {
            sb.append(" + strata(site)");
        }
        sb.append(", data = <").append(rowsBySite.size()).append(" sites>");
        if (!parameters.efron()) {
            sb.append(", ties = \"breslow\"");
        }
        if (where != null) {
            sb.append(", subset = ").append(where);
        }
        sb.append(")\n\n");
        sb.append("  n= ").append(n()).append(", number of events= ").append(nevent).append(" \n");
        long aliased = coefficients.stream().filter(CoxCoefficient::aliased).count();
        if (aliased > 0) {
            sb.append("   (").append(aliased).append(" coefficient").append(aliased == 1 ? "" : "s")
                    .append(" not defined because of singularities)\n");
        }
        sb.append('\n');
        // As printCoefmat(digits = 4): coef, exp(coef) and se(coef) share the decimals that give each
        // four significant digits; p-values share those that give three, small ones go scientific.
        int decimals = 0;
        int pDecimals = 0;
        int[] hrDecimals = new int[4];
        for (CoxCoefficient c : coefficients) {
            if (c.aliased()) {
                continue;
            }
            for (double v : new double[] {c.estimate(), c.expEstimate(), c.stdError()}) {
                decimals = Math.max(decimals, decimalsFor(v, 4));
            }
            if (c.pValue() >= 1e-4) {
                pDecimals = Math.max(pDecimals, decimalsFor(c.pValue(), 3));
            }
            // print(summary(coxph))'s hazard-ratio table: each column its own decimals, four significant digits
            double[] hr = {c.expEstimate(), Math.exp(-c.estimate()), c.expConfLow(), c.expConfHigh()};
            for (int k = 0; k < hr.length; k++) {
                hrDecimals[k] = Math.max(hrDecimals[k], decimalsFor(hr[k], 4));
            }
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"", "coef", "exp(coef)", "se(coef)", "z", "Pr(>|z|)", ""});
        for (CoxCoefficient c : coefficients) {
            if (c.aliased()) {
                cells.add(new String[] {c.term(), "NA", "NA", "NA", "NA", "NA", ""});
            } else {
                String pv = c.pValue() < 2e-16 ? "<2e-16" : c.pValue() < 1e-4
                        ? String.format(Locale.ROOT, "%.2e", c.pValue()) : fixed(c.pValue(), pDecimals);
                cells.add(new String[] {c.term(), fixed(c.estimate(), decimals), fixed(c.expEstimate(), decimals),
                        fixed(c.stdError(), decimals), String.format(Locale.ROOT, "%.3f", c.statistic()), pv,
                        stars(c.pValue())});
            }
        }
        table(sb, cells);
        sb.append("---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n\n");
        String level = String.format(Locale.ROOT, "%.2f", parameters.confLevel()).substring(1);
        List<String[]> hr = new ArrayList<>();
        hr.add(new String[] {"", "exp(coef)", "exp(-coef)", "lower " + level, "upper " + level});
        for (CoxCoefficient c : coefficients) {
            if (c.aliased()) {
                hr.add(new String[] {c.term(), "NA", "NA", "NA", "NA"});
            } else {
                hr.add(new String[] {c.term(), fixed(c.expEstimate(), hrDecimals[0]), fixed(Math.exp(-c.estimate()), hrDecimals[1]),
                        fixed(c.expConfLow(), hrDecimals[2]), fixed(c.expConfHigh(), hrDecimals[3])});
            }
        }
        table(sb, hr);
        sb.append('\n');
        if (concordance != null) {
            if (concordance.exact()) {
                sb.append(String.format(Locale.ROOT, "Concordance= %s  (se = %s )%n", sig(concordance.concordance(), 3),
                        sig(concordance.stdError(), 3)));
            } else {
                sb.append(String.format(Locale.ROOT, "Concordance= %s  (binned risk scores, within %s of the exact value)%n",
                        sig(concordance.concordance(), 3), sig(concordance.errorBound(), 2)));
            }
        }
        sb.append(String.format(Locale.ROOT, "Likelihood ratio test= %s  on %d df,   p=%s%n", sig(likelihoodRatio.statistic(), 4),
                likelihoodRatio.df(), rNumber(likelihoodRatio.pValue())));
        sb.append(String.format(Locale.ROOT, "Wald test            = %s  on %d df,   p=%s%n", sig(wald.statistic(), 4),
                wald.df(), rNumber(wald.pValue())));
        sb.append(String.format(Locale.ROOT, "Score (logrank) test = %s  on %d df,   p=%s%n", sig(score.statistic(), 4),
                score.df(), rNumber(score.pValue())));
        sb.append(String.format(Locale.ROOT, "Log partial likelihood: null %s, final %s; iterations %d%n",
                sig(loglikNull, 8), sig(loglikFinal, 8), iterations));
        sb.append('\n');
        sb.append(parameters.stratifyBySite()
                ? "Baseline: stratified by site (each site its own baseline hazard; no times left any site)\n"
                : "Baseline: pooled over sites (the sites' distinct event times were revealed to build the shared grid)\n");
        for (String note : coarsening.notes()) {
            sb.append("Note: ").append(note).append(" (the fit is on the coarsened times)\n");
        }
        sb.append("Sites: ");
        sb.append(SiteRows.text(rowsBySite, droppedBySite)).append('\n');
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, List<String[]> cells) {
        int cols = cells.get(0).length;
        int[] width = new int[cols];
        for (String[] row : cells) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            sb.append(row[0]).append(" ".repeat(width[0] - row[0].length()));
            for (int i = 1; i < cols; i++) {
                String cell = row[i];
                if (i == cols - 1 && cols == 7) {
                    sb.append(' ').append(cell);
                } else {
                    sb.append(' ').append(" ".repeat(width[i] - cell.length())).append(cell);
                }
            }
            sb.append('\n');
        }
    }

    /**
     * Decimals that show {@code v} to {@code digits} significant digits without trailing zeros
     * (R's formatReal: 0.99499 at 4 digits needs 3, "0.995"), at most 10.
     */
    private static int decimalsFor(double v, int digits) {
        if (!Double.isFinite(v) || v == 0) {
            return 0;
        }
        java.math.BigDecimal r = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros();
        return Math.min(10, Math.max(0, r.scale()));
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * R's {@code format(signif(p, 1))}, as summary(coxph) prints the tests' p-values: one significant
     * digit, in fixed notation unless scientific is shorter ({@code 0.03}, {@code 2e-04}, {@code 1e-06}).
     */
    static String rNumber(double p) {
        if (!Double.isFinite(p) || p == 0) {
            return sig(p, 1);
        }
        String fixed = sig(p, 1);
        String sci = String.format(Locale.ROOT, "%.0e", p);
        return fixed.length() <= sci.length() ? fixed : sci;
    }

    /** R's default printing: {@code digits} significant digits. */
    private static String sig(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NA" : (v > 0 ? "Inf" : "-Inf");
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e15)) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v).replaceFirst("\\.?0+e", "e");
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    private static String stars(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }
}
