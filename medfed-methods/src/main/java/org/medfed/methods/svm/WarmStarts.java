package org.medfed.methods.svm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.medfed.error.UsageException;

/**
 * Reads a previous svm result document (the JSON that {@code --json} or {@code --out} wrote) as
 * the start of a refit. Refuses clearly anything that is not an svm result with coefficients; the
 * formula must match the new fit's (checked by {@link SvmParameters}) and the terms too (checked
 * at the hub once the model's terms are known).
 */
public final class WarmStarts {
    private WarmStarts() {
    }

    /** The warm start a result document describes; {@code source} names it in messages and in the new result. */
    public static SvmParameters.WarmStart fromResult(JsonNode json, String source) {
        String method = json.path("method").asText("");
        if (!method.equals("svm")) {
            throw new UsageException("--warm-start " + source + ": not an svm result (method '"
                    + (method.isEmpty() ? "none" : method) + "'); give the JSON an earlier svm run wrote with --json or --out");
        }
        String formula = json.path("formula").asText(null);
        JsonNode coefficients = json.path("coefficients");
        if (formula == null || !coefficients.isArray() || coefficients.isEmpty()) {
            throw new UsageException("--warm-start " + source + ": the svm result has no formula or no coefficients");
        }
        List<String> terms = new ArrayList<>();
        double[] estimates = new double[coefficients.size()];
        for (int j = 0; j < estimates.length; j++) {
            JsonNode c = coefficients.get(j);
            if (!c.path("term").isTextual() || !c.path("estimate").isNumber()) {
                throw new UsageException("--warm-start " + source + ": coefficient " + (j + 1)
                        + " has no term name or no numeric estimate");
            }
            terms.add(c.path("term").asText());
            estimates[j] = c.path("estimate").asDouble();
        }
        String positive = json.path("classes").path("positive").asText(null);
        int iterations = json.path("iterations").asInt(0);
        double rho = json.path("admm").path("rho").asDouble(0);
        return new SvmParameters.WarmStart(source, formula, terms, estimates, positive, iterations, rho);
    }
}
