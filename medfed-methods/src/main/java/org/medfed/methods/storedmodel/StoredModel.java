package org.medfed.methods.storedmodel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;

/**
 * A fitted binomial GLM as a {@code glm} result's JSON stores it; serializes to JSON inside the
 * job's parameters, so every site rebuilds the same design.
 *
 * @param formula      the model formula
 * @param family       the family (binomial: the only one evaluated)
 * @param link         the link (logit)
 * @param terms        the design's column names, in order
 * @param coefficients the estimate of each term; an aliased term (no estimate) is 0, as in R's
 *                     {@code predict} of a rank-deficient fit
 * @param aliased      the terms that had no estimate
 * @param numeric      the referenced variables the fit treated as numbers
 * @param levels       every factor's level order by factor key (first = reference)
 * @param confLevel    the fit's confidence level, used for the AUC's interval as {@code glm --evaluate} does
 * @param source       where the model was read from, for messages
 */
public record StoredModel(String formula, String family, String link, List<String> terms, double[] coefficients,
                          List<String> aliased, List<String> numeric, Map<String, List<String>> levels,
                          double confLevel, String source) {

    public StoredModel {
        terms = List.copyOf(terms);
        aliased = List.copyOf(aliased);
        numeric = List.copyOf(numeric);
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        levels.forEach((key, lv) -> ordered.put(key, List.copyOf(lv)));
        levels = java.util.Collections.unmodifiableMap(ordered);
        if (coefficients.length != terms.size()) {
            throw new UsageException("model " + source + ": " + coefficients.length + " coefficients for "
                    + terms.size() + " terms");
        }
        if (!"binomial".equals(family) || !"logit".equals(link)) {
            throw new UsageException("model " + source + ": evaluate needs a binomial GLM with the logit link "
                    + "(a logistic model of a 0/1 outcome), not family " + family + " with link " + link);
        }
    }

    /**
     * The model in a {@code glm} result's JSON (as {@code simulate glm --json} or {@code result JOB
     * --json} print it); a usage error names {@code source} and what is missing or wrong.
     */
    public static StoredModel fromGlmJson(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new UsageException("model " + source + ": not a JSON object (expected the JSON a glm job printed)");
        }
        String method = root.path("method").asText("");
        if (!method.equals("glm")) {
            throw new UsageException("model " + source + ": not a GLM result (its method is "
                    + (method.isEmpty() ? "missing" : "'" + method + "'") + "); evaluate needs the JSON of simulate glm "
                    + "--json or result JOB --json");
        }
        String family = text(root, "family", source);
        String link = text(root, "link", source);
        if (!family.equals("binomial")) {
            throw new UsageException("model " + source + ": a " + family + " GLM cannot be evaluated; evaluate (Hosmer-"
                    + "Lemeshow, AUC, calibration) needs a binomial GLM of a 0/1 outcome");
        }
        String formula = text(root, "formula", source);
        JsonNode coefs = root.path("coefficients");
        if (!coefs.isArray() || coefs.isEmpty()) {
            throw new UsageException("model " + source + ": no coefficients");
        }
        List<String> terms = new ArrayList<>();
        List<String> aliased = new ArrayList<>();
        double[] beta = new double[coefs.size()];
        for (int j = 0; j < coefs.size(); j++) {
            JsonNode c = coefs.get(j);
            String term = text(c, "term", source);
            terms.add(term);
            JsonNode estimate = c.path("estimate");
            if (estimate.isNumber()) {
                beta[j] = estimate.doubleValue();
            } else if (estimate.isNull()) {
                aliased.add(term);
            } else {
                throw new UsageException("model " + source + ": coefficient " + term + " has no numeric estimate");
            }
        }
        JsonNode frame = root.path("model_frame");
        if (!frame.isObject()) {
            throw new UsageException("model " + source + ": no model_frame (the level orders and numeric variables of "
                    + "the fit); it was written by an older medfed: refit it to evaluate it");
        }
        List<String> numeric = new ArrayList<>();
        frame.path("numeric").forEach(v -> numeric.add(v.asText()));
        Map<String, List<String>> levels = new LinkedHashMap<>();
        frame.path("levels").fields().forEachRemaining(e -> {
            List<String> lv = new ArrayList<>();
            e.getValue().forEach(v -> lv.add(v.asText()));
            levels.put(e.getKey(), lv);
        });
        double confLevel = root.path("conf_level").asDouble(0.95);
        return new StoredModel(formula, family, link, terms, beta, aliased, numeric, levels, confLevel, source);
    }

    private static String text(JsonNode node, String field, String source) {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            throw new UsageException("model " + source + ": no '" + field + "' (expected the JSON a glm job printed)");
        }
        return v.asText();
    }
}
