package org.medfed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medfed.plot.ForestPlot;
import org.medfed.plot.Plot;

/**
 * Which figures a result's JSON yields, and the plain numbers and words each is drawn from. It
 * reads only the published JSON shapes (README), so a result from the simulator, from a hub's job
 * or from {@code medfed result} draws the same. Today: a forest plot of the coefficients of any
 * regression result ({@code coefficients[]} with {@code term, estimate, conf_low, conf_high}).
 * Evaluation (ROC, calibration) and summary histograms add their figures here from their own
 * JSON blocks, with {@link org.medfed.plot.RocPlot}, {@link org.medfed.plot.CalibrationPlot} and
 * {@link org.medfed.plot.HistogramPlot}.
 */
final class ResultPlots {
    /** One figure: its file name without extension, what it is (for the user), and the plot. */
    record Figure(String name, String what, Plot plot) {
    }

    private ResultPlots() {
    }

    static List<Figure> of(JsonNode result) {
        List<Figure> figures = new ArrayList<>();
        ForestPlot forest = forest(result);
        if (forest != null) {
            figures.add(new Figure("forest", "forest plot of the coefficients", forest));
        }
        return figures;
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
        String link = result.path("link").asText("");
        String outcome = outcome(result.path("formula").asText(""));
        ForestPlot.Scale scale;
        String measure;
        String title;
        switch (link) {
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
        String percent = BigDecimal.valueOf(confLevel * 100).round(new MathContext(6)).stripTrailingZeros()
                .toPlainString();
        String note = "Wald " + percent + "% confidence intervals; intercept not shown"
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
