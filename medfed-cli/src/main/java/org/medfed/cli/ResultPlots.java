package org.medfed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.medfed.plot.CalibrationPlot;
import org.medfed.plot.ForestPlot;
import org.medfed.plot.HistogramPlot;
import org.medfed.plot.KaplanMeierPlot;
import org.medfed.plot.LoadingsPlot;
import org.medfed.plot.Plot;
import org.medfed.plot.RocPlot;
import org.medfed.plot.ScreePlot;

/**
 * Which figures a result's JSON yields, and the plain numbers and words each is drawn from. It
 * reads only the published JSON shapes (README), so a result from the simulator, from a hub's job
 * or from {@code medfed result} draws the same: a forest plot of the coefficients of any
 * regression result ({@code coefficients[]} with {@code term, estimate, conf_low, conf_high}); with
 * {@code evaluation} (GLM's {@code --evaluate}) the ROC curve ({@code evaluation.roc[]},
 * {@code evaluation.auc}) and the calibration plot ({@code evaluation.hosmer_lemeshow.groups[]});
 * a histogram of each numeric column of a summary ({@code columns[].histogram}); for pca a scree
 * plot ({@code proportion_of_variance[]}) and the loadings on the first two components
 * ({@code loadings}); for multinom a forest plot per non-reference level ({@code y_level}); and for
 * bayes-logistic the posterior means with their credible intervals.
 */
final class ResultPlots {
    /** One figure: its file name without extension, what it is (for the user), and the plot. */
    record Figure(String name, String what, Plot plot) {
    }

    /** A multinomial model's forest plot of one non-reference level. */
    record LevelForest(String level, ForestPlot plot) {
    }

    private ResultPlots() {
    }

    static List<Figure> of(JsonNode result) {
        List<Figure> figures = new ArrayList<>();
        switch (result.path("method").asText("")) {
            case "pca" -> {
                ScreePlot scree = scree(result);
                if (scree != null) {
                    figures.add(new Figure("scree", "scree plot of the components", scree));
                }
                LoadingsPlot loadings = loadings(result);
                if (loadings != null) {
                    figures.add(new Figure("loadings", "loadings on the first two components", loadings));
                }
            }
            case "multinom" -> {
                Set<String> taken = new HashSet<>();
                for (LevelForest forest : multinomForests(result)) {
                    figures.add(new Figure(fileName("forest-" + forest.level(), taken), "forest plot of "
                            + forest.level() + " against the reference level", forest.plot()));
                }
            }
            case "bayes-logistic" -> {
                ForestPlot forest = posteriorForest(result);
                if (forest != null) {
                    figures.add(new Figure("forest", "forest plot of the posterior means", forest));
                }
            }
            default -> {
                ForestPlot forest = forest(result);
                if (forest != null) {
                    figures.add(new Figure("forest", "forest plot of the coefficients", forest));
                }
            }
        }
        RocPlot roc = roc(result);
        if (roc != null) {
            figures.add(new Figure("roc", "ROC curve", roc));
        }
        CalibrationPlot calibration = calibration(result);
        if (calibration != null) {
            figures.add(new Figure("calibration", "calibration plot", calibration));
        }
        KaplanMeierPlot km = kaplanMeier(result);
        if (km != null) {
            figures.add(new Figure("km", "Kaplan-Meier curves", km));
        }
        Set<String> names = new HashSet<>();
        for (JsonNode column : result.path("columns")) {
            HistogramPlot histogram = histogram(result, column);
            if (histogram != null) {
                String name = column.path("name").asText();
                figures.add(new Figure(fileName("histogram-" + name, names), "histogram of " + name, histogram));
            }
        }
        return figures;
    }

    /**
     * A name PlotFiles accepts: characters other than letters, digits, '.', '_' and '-' become '_',
     * and a name already taken (two columns that differ only there) gets "-2", "-3", ...
     */
    static String fileName(String wanted, Set<String> taken) {
        String safe = wanted.replaceAll("[^A-Za-z0-9._-]", "_");
        String name = safe;
        for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
            name = safe + "-" + i; // lower case: the folder may be on a case-insensitive file system
        }
        return name;
    }

    /**
     * The ROC curve of an evaluated binomial model, from {@code evaluation.roc[]} (points from
     * (0, 0) to (1, 1)) with {@code evaluation.auc} in the legend. Null without them.
     */
    static RocPlot roc(JsonNode result) {
        JsonNode evaluation = result.path("evaluation");
        JsonNode points = evaluation.path("roc");
        if (!points.isArray() || points.isEmpty()) {
            return null;
        }
        List<Double> fpr = new ArrayList<>();
        List<Double> tpr = new ArrayList<>();
        for (JsonNode point : points) {
            Double x = number(point.path("fpr"));
            Double y = number(point.path("tpr"));
            if (x != null && y != null) {
                fpr.add(x);
                tpr.add(y);
            }
        }
        if (fpr.isEmpty()) {
            return null;
        }
        JsonNode auc = evaluation.path("auc");
        String method = auc.path("method").asText("");
        List<String> note = new ArrayList<>();
        String outcome = outcome(result.path("formula").asText(""));
        if (auc.has("n_cases") && auc.has("n_controls")) {
            note.add(String.format(Locale.ROOT, "%,d events, %,d non-events", auc.path("n_cases").asLong(),
                    auc.path("n_controls").asLong()));
        }
        if (auc.path("error_bound").isNumber()) {
            note.add("AUC error \u2264 " + signif(auc.path("error_bound").asDouble(), 1) + " (federated score histograms)");
        }
        return new RocPlot(titled("ROC curve", outcome), subtitle(result), fpr, tpr, number(auc.path("auc")),
                number(auc.path("conf_low")), number(auc.path("conf_high")), auc.path("conf_level").asDouble(0.95),
                method.isEmpty() ? null : method, note.isEmpty() ? null : String.join(" \u00b7 ", note));
    }

    /**
     * Observed against predicted per Hosmer–Lemeshow group: the mean fitted probability
     * ({@code expected / n}) and the proportion of events ({@code observed / n}) of each non-empty
     * group, with the test in the note. Null without {@code evaluation.hosmer_lemeshow.groups[]}.
     */
    static CalibrationPlot calibration(JsonNode result) {
        JsonNode hl = result.path("evaluation").path("hosmer_lemeshow");
        List<Double> expected = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        for (JsonNode group : hl.path("groups")) {
            double n = group.path("n").asDouble(0);
            Double e = number(group.path("expected"));
            Double o = number(group.path("observed"));
            if (n > 0 && e != null && o != null) {
                expected.add(e / n);
                observed.add(o / n);
            }
        }
        if (expected.isEmpty()) {
            return null;
        }
        List<String> note = new ArrayList<>();
        if (hl.path("statistic").isNumber()) {
            note.add("Hosmer\u2013Lemeshow \u03c7\u00b2 = " + String.format(Locale.ROOT, "%.2f", hl.path("statistic").asDouble())
                    + ", df = " + hl.path("df").asInt() + ", p " + pValue(hl.path("p_value").asDouble()));
        }
        int groups = hl.path("g").asInt(expected.size());
        note.add(groups + " groups by quantiles of predicted risk");
        JsonNode brier = result.path("evaluation").path("brier");
        if (brier.isNumber()) {
            note.add("Brier score " + String.format(Locale.ROOT, "%.3f", brier.asDouble()));
        }
        String outcome = outcome(result.path("formula").asText(""));
        return new CalibrationPlot(titled("Calibration", outcome), subtitle(result), expected, observed,
                String.join("; ", note) + ".");
    }

    /**
     * The histogram of one summary column, from {@code histogram.{breaks[], counts[], suppressed[]}}:
     * a bin that any site suppressed is drawn as withheld (its pooled count lacks that site's rows),
     * and rows outside the breaks are named in the note. Null for a column without a histogram.
     */
    static HistogramPlot histogram(JsonNode result, JsonNode column) {
        JsonNode h = column.path("histogram");
        JsonNode breaksJson = h.path("breaks");
        JsonNode countsJson = h.path("counts");
        if (!breaksJson.isArray() || breaksJson.size() < 2 || countsJson.size() != breaksJson.size() - 1) {
            return null;
        }
        List<Double> breaks = new ArrayList<>();
        breaksJson.forEach(b -> breaks.add(b.asDouble()));
        List<Double> counts = new ArrayList<>();
        int withheld = 0;
        for (int i = 0; i < countsJson.size(); i++) {
            boolean suppressed = h.path("suppressed").path(i).asDouble(0) > 0;
            withheld += suppressed ? 1 : 0;
            counts.add(suppressed ? null : number(countsJson.get(i)));
        }
        String name = column.path("name").asText();
        List<String> sub = new ArrayList<>();
        if (column.has("n")) {
            int sites = result.path("sites").size();
            String n = String.format(Locale.ROOT, "n = %,d", column.path("n").asLong())
                    + (sites > 0 ? " at " + sites + (sites == 1 ? " site" : " sites") : "");
            long missing = column.path("missing").asLong(0);
            sub.add(missing > 0 ? n + String.format(Locale.ROOT, " (%,d missing)", missing) : n);
        }
        if (column.path("mean").isNumber() && column.path("sd").isNumber()) {
            sub.add("mean " + signif(column.path("mean").asDouble(), 4) + ", SD " + signif(column.path("sd").asDouble(), 4));
        }
        JsonNode median = column.path("quantiles").path("0.5");
        if (median.isNumber()) {
            sub.add("median " + signif(median.asDouble(), 4));
        }
        String where = result.path("where").asText("");
        if (!where.isEmpty()) {
            sub.add("where " + where);
        }
        List<String> note = new ArrayList<>();
        note.add("Bins include their upper edge, as R's hist()");
        String below = outside(h, "below", "suppressed_below", "below " + signif(breaks.get(0), 6));
        String above = outside(h, "above", "suppressed_above", "above " + signif(breaks.get(breaks.size() - 1), 6));
        if (below != null || above != null) {
            note.add((below == null ? above : above == null ? below : below + " and " + above) + " lie outside the bins");
        }
        return new HistogramPlot("Distribution of " + name, sub.isEmpty() ? null : String.join(" \u00b7 ", sub), name,
                "Number of records", breaks, counts,
                withheld > 0 ? "Count withheld by at least one site (small cell)" : null, String.join("; ", note) + ".");
    }

    /** "3 rows below 10" for rows outside the breaks, "rows ... (withheld at 1 site)"; null when none. */
    private static String outside(JsonNode h, String countField, String suppressedField, String where) {
        long count = Math.round(h.path(countField).asDouble(0));
        long suppressedAt = Math.round(h.path(suppressedField).asDouble(0));
        if (suppressedAt > 0) {
            return (count > 0 ? String.format(Locale.ROOT, "at least %,d rows ", count) : "rows ") + where
                    + " (a count withheld at " + suppressedAt + (suppressedAt == 1 ? " site)" : " sites)");
        }
        if (count == 0) {
            return null;
        }
        return String.format(Locale.ROOT, "%,d %s ", count, count == 1 ? "row" : "rows") + where;
    }

    private static String titled(String what, String outcome) {
        return outcome.isEmpty() ? what : what + " (outcome: " + outcome + ")";
    }

    /** {@code v} to {@code digits} significant digits, without trailing zeros or exponent. */
    static String signif(double v, int digits) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** "= 0.862", "< 0.001". */
    private static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : "= " + String.format(Locale.ROOT, "%.3f", p);
    }

    /**
     * The coefficients without the intercept: for a logit or log link as odds or rate ratios
     * (exp of the estimate and of the interval ends) on a log axis, otherwise as they are. Null
     * when the result has no coefficients other than the intercept.
     */
    static ForestPlot forest(JsonNode result) {
        JsonNode coefficients = result.path("coefficients");
        List<String> terms = new ArrayList<>();
        List<Double> estimate = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        for (JsonNode c : coefficients) {
            String term = c.path("term").asText();
            if (term.equals("(Intercept)")) {
                continue; // a baseline, not an effect: on the ratio scale it is an odds or a rate
            }
            terms.add(term);
            estimate.add(number(c.path("estimate")));
            low.add(number(c.path("conf_low")));
            high.add(number(c.path("conf_high")));
            p.add(number(c.path("p_value")));
        }
        if (terms.isEmpty()) {
            return null;
        }
        String family = result.path("family").asText("");
        // A Cox model has no link in its JSON: its coefficients are log hazard ratios.
        String link = result.path("method").asText("").equals("cox") ? "cox" : result.path("link").asText("");
        boolean intercept = false;
        for (JsonNode c : coefficients) {
            intercept |= c.path("term").asText().equals("(Intercept)");
        }
        String outcome = outcome(result.path("formula").asText(""));
        ForestPlot.Scale scale;
        String measure;
        String title;
        switch (link) {
            case "cox" -> {
                scale = ForestPlot.Scale.EXPONENTIATED;
                measure = "Hazard ratio";
                title = "Hazard ratios";
            }
            case "logit" -> {
                scale = ForestPlot.Scale.EXPONENTIATED;
                measure = "Odds ratio";
                title = "Odds ratios";
            }
            case "log" -> {
                scale = ForestPlot.Scale.EXPONENTIATED;
                measure = family.equals("binomial") ? "Risk ratio" : "Rate ratio";
                title = measure + "s";
            }
            case "identity" -> {
                scale = ForestPlot.Scale.LINEAR;
                measure = outcome.isEmpty() ? "Difference in mean" : "Difference in mean " + outcome;
                title = "Coefficients";
            }
            default -> {
                scale = ForestPlot.Scale.LINEAR;
                measure = "Coefficient (" + (link.isEmpty() ? "link" : link) + " scale)";
                title = "Coefficients";
            }
        }
        if (!outcome.isEmpty()) {
            title += " (outcome: " + outcome + ")";
        }
        double confLevel = result.path("options").path("conf_level").asDouble(0.95);
        String percent = signif(confLevel * 100, 6);
        String note = "Wald " + percent + "% confidence intervals" + (intercept ? "; intercept not shown" : "")
                + (scale == ForestPlot.Scale.EXPONENTIATED ? "; ratios are exp(coefficient)." : "; per unit of each term.");
        return new ForestPlot(title, subtitle(result), scale, measure, confLevel, terms, estimate, low, high, p, note);
    }

    /** "low ~ age + lwt · binomial (logit) · n = 189 at 3 sites". */
    static String subtitle(JsonNode result) {
        List<String> parts = new ArrayList<>();
        String formula = result.path("formula").asText("");
        if (!formula.isEmpty()) {
            parts.add(formula);
        }
        String family = result.path("family").asText("");
        if (!family.isEmpty()) {
            String link = result.path("link").asText("");
            parts.add(link.isEmpty() ? family : family + " (" + link + ")");
        }
        if (result.has("n")) {
            int sites = result.path("sites").size();
            parts.add(String.format(Locale.ROOT, "n = %,d", result.path("n").asLong())
                    + (sites > 0 ? " at " + sites + (sites == 1 ? " site" : " sites") : ""));
        }
        return parts.isEmpty() ? null : String.join(" \u00b7 ", parts);
    }

    /**
     * A multinomial model's forest plots, one per non-reference level in {@code levels} order: that
     * level's coefficients but the intercept ({@code coefficients[]} rows whose {@code y_level} is the
     * level) as odds ratios against the reference level, with Wald intervals at {@code conf_level}.
     * Empty for a result without such rows.
     */
    static List<LevelForest> multinomForests(JsonNode result) {
        String reference = result.path("reference_level").asText("");
        String response = result.path("response").asText(outcome(result.path("formula").asText("")));
        double confLevel = result.path("conf_level").asDouble(result.path("options").path("conf_level").asDouble(0.95));
        List<String> levels = new ArrayList<>();
        for (JsonNode level : result.path("levels")) {
            if (!level.asText().equals(reference)) {
                levels.add(level.asText());
            }
        }
        List<LevelForest> plots = new ArrayList<>();
        for (String level : levels) {
            List<String> terms = new ArrayList<>();
            List<Double> estimate = new ArrayList<>();
            List<Double> low = new ArrayList<>();
            List<Double> high = new ArrayList<>();
            List<Double> p = new ArrayList<>();
            for (JsonNode c : result.path("coefficients")) {
                if (!c.path("y_level").asText().equals(level) || c.path("term").asText().equals("(Intercept)")) {
                    continue;
                }
                terms.add(c.path("term").asText());
                estimate.add(number(c.path("estimate")));
                low.add(number(c.path("conf_low")));
                high.add(number(c.path("conf_high")));
                p.add(number(c.path("p_value")));
            }
            if (terms.isEmpty()) {
                continue;
            }
            String percent = BigDecimal.valueOf(confLevel * 100).round(new MathContext(6)).stripTrailingZeros()
                    .toPlainString();
            // Short enough for one line under the plot: the title names the response.
            String note = "Wald " + percent + "% confidence intervals; odds of " + level + " vs " + reference
                    + " (reference) per unit of each term; intercept not shown.";
            plots.add(new LevelForest(level, new ForestPlot("Odds ratios: " + level + " vs " + reference
                    + " (outcome: " + response + ")", subtitle(result), ForestPlot.Scale.EXPONENTIATED, "Odds ratio",
                    confLevel, terms, estimate, low, high, p, note)));
        }
        return plots;
    }

    /**
     * A Bayesian logistic model's posterior means but the intercept, with their central credible
     * intervals ({@code conf_low}, {@code conf_high} at {@code cred_level}), on the log-odds scale
     * where the posterior (a Gaussian approximation) has them. Null without coefficients.
     */
    static ForestPlot posteriorForest(JsonNode result) {
        List<String> terms = new ArrayList<>();
        List<Double> estimate = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        boolean intercept = false;
        for (JsonNode c : result.path("coefficients")) {
            String term = c.path("term").asText();
            if (term.equals("(Intercept)")) {
                intercept = true;
                continue;
            }
            terms.add(term);
            estimate.add(number(c.path("estimate")));
            low.add(number(c.path("conf_low")));
            high.add(number(c.path("conf_high")));
        }
        if (terms.isEmpty()) {
            return null;
        }
        double level = result.path("cred_level").asDouble(result.path("options").path("cred_level").asDouble(0.95));
        String percent = signif(level * 100, 6);
        String outcome = outcome(result.path("formula").asText(""));
        List<String> sub = new ArrayList<>();
        String base = subtitle(result);
        if (base != null) {
            sub.add(base);
        }
        if (result.path("prior_sd").isNumber()) {
            sub.add("prior N(0, " + signif(result.path("prior_sd").asDouble(), 6) + "\u00b2)");
        }
        String note = "Posterior means with central " + percent + "% credible intervals (expectation propagation, a "
                + "Gaussian approximation)" + (intercept ? "; intercept not shown." : ".");
        return new ForestPlot(titled("Posterior log odds ratios", outcome), sub.isEmpty() ? null : String.join(" \u00b7 ", sub),
                ForestPlot.Scale.LINEAR, "Log odds ratio", level, terms, estimate, low, high, null, note, "CrI");
    }

    /**
     * A PCA's scree plot from {@code components[]} and {@code proportion_of_variance[]}. Null when
     * they are missing or differ in length.
     */
    static ScreePlot scree(JsonNode result) {
        JsonNode components = result.path("components");
        JsonNode proportion = result.path("proportion_of_variance");
        if (!components.isArray() || components.isEmpty() || proportion.size() != components.size()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        components.forEach(c -> names.add(c.asText()));
        List<Double> shares = new ArrayList<>();
        for (JsonNode v : proportion) {
            Double share = number(v);
            if (share == null) {
                return null;
            }
            shares.add(share);
        }
        String matrix = result.path("matrix").asText("");
        String note = matrix.isEmpty() ? null
                : "Components of the " + matrix + " matrix" + (matrix.equals("correlation")
                        ? " (columns scaled to unit variance)." : " (columns centred, not scaled).");
        return new ScreePlot("Variance explained by each component", pcaSubtitle(result), names, shares, note);
    }

    /**
     * A PCA's loadings on its first two components, from {@code loadings.{rows, cols, matrix}} and
     * the components' proportions of variance for the axis labels. Null with fewer than two
     * reported components.
     */
    static LoadingsPlot loadings(JsonNode result) {
        JsonNode loadings = result.path("loadings");
        JsonNode cols = loadings.path("cols");
        JsonNode rows = loadings.path("rows");
        JsonNode matrix = loadings.path("matrix");
        if (cols.size() < 2 || rows.isEmpty() || matrix.size() != rows.size()) {
            return null;
        }
        List<String> variables = new ArrayList<>();
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Double a = number(matrix.get(i).path(0));
            Double b = number(matrix.get(i).path(1));
            if (a == null || b == null) {
                return null;
            }
            variables.add(rows.get(i).asText());
            x.add(a);
            y.add(b);
        }
        String first = cols.get(0).asText();
        String second = cols.get(1).asText();
        return new LoadingsPlot("Loadings on " + first + " and " + second, pcaSubtitle(result), variables, x, y,
                axisLabel(first, result.path("proportion_of_variance").path(0)),
                axisLabel(second, result.path("proportion_of_variance").path(1)),
                "Signs as medfed fixes them: each component's largest |loading| is positive (prcomp's may be flipped).");
    }

    /** "PC1 (62.0% of variance)", or the name alone without a proportion. */
    private static String axisLabel(String component, JsonNode proportion) {
        return proportion.isNumber()
                ? component + String.format(Locale.ROOT, " (%.1f%% of variance)", 100 * proportion.asDouble())
                : component;
    }

    /** "Murder, Assault, UrbanPop, Rape · n = 50 at 3 sites · where ...". */
    private static String pcaSubtitle(JsonNode result) {
        List<String> parts = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        result.path("columns").forEach(c -> columns.add(c.asText()));
        if (!columns.isEmpty()) {
            parts.add(String.join(", ", columns));
        }
        String counts = subtitle(result);
        if (counts != null) {
            parts.add(counts);
        }
        String where = result.path("where").asText("");
        if (!where.isEmpty()) {
            parts.add("where " + where);
        }
        return parts.isEmpty() ? null : String.join(" \u00b7 ", parts);
    }

    /**
     * The Kaplan–Meier curves of a {@code km} result, from {@code strata[]} (time, n_risk,
     * n_censor, surv, conf_low, conf_high), with the sites' gate cuts and coarsening as the note.
     * Null for other results.
     */
    static KaplanMeierPlot kaplanMeier(JsonNode result) {
        if (!"km".equals(result.path("method").asText()) || result.path("strata").isEmpty()) {
            return null;
        }
        List<KaplanMeierPlot.Curve> curves = new ArrayList<>();
        for (JsonNode s : result.path("strata")) {
            curves.add(new KaplanMeierPlot.Curve(s.path("stratum").asText(), numbers(s.path("time")),
                    numbers(s.path("n_risk")), numbers(s.path("n_censor")), numbers(s.path("surv")),
                    numbers(s.path("conf_low")), numbers(s.path("conf_high"))));
        }
        JsonNode options = result.path("options");
        String time = options.path("time").asText("time");
        String group = options.path("group").isTextual() ? options.path("group").asText() : "1";
        String note = null;
        JsonNode notes = result.path("privacy").path("notes");
        if (notes.size() > 0) {
            note = notes.size() == 1 ? notes.get(0).asText() : notes.size() + " notes on coarsened or cut follow-up: see the result's privacy block";
        }
        return new KaplanMeierPlot("Kaplan–Meier: Surv(" + time + ", " + options.path("event").asText("status") + ") ~ "
                + group, subtitle(result), time, curves, result.path("conf_level").asDouble(0.95), note);
    }

    /** A JSON array of numbers, NA (null) as NaN. */
    private static List<Double> numbers(JsonNode array) {
        List<Double> out = new ArrayList<>();
        for (JsonNode v : array) {
            out.add(v.isNumber() ? v.asDouble() : Double.NaN);
        }
        return out;
    }

    /** The response of an R formula ("low" in "low ~ age"); empty when there is none. */
    static String outcome(String formula) {
        int tilde = formula.indexOf('~');
        return tilde < 0 ? "" : formula.substring(0, tilde).trim();
    }

    /** A JSON number, or null for R's NA (JSON null) and anything that is not a number. */
    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
