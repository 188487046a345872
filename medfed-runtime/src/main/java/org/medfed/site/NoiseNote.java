package org.medfed.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medfed.privacy.dp.NoiseReport;
import org.medfed.privacy.dp.Spent;

/**
 * What a site tells the analyst about the differential-privacy noise on one of its releases: the
 * quantities noised, why (the analyst asked, the site's policy required it, or the policy's noise
 * on model parameters), the mechanism and noise scale actually used, what this job has spent at
 * the site so far, and the dataset's budget after the charge. It travels with the release (it is
 * public: it says nothing about the data) and appears in the result's privacy block.
 *
 * @param report      the mechanism as calibrated: its scale (or σ) and sensitivity are per unit of
 *                    an element's bound where the method stated element bounds
 * @param elementScales for each noised quantity, each element's noise scale (or σ) in the
 *                    quantity's own units (0 for an element no row can move)
 * @param jobSpent    the job's spending at this site so far, composed as the budget composes it
 * @param budgetSpent the dataset's lifetime spending after this release
 * @param budgetLimit the dataset's lifetime ε limit
 */
public record NoiseNote(String site, String dataset, int round, String step, List<String> quantities, String source,
                        NoiseReport report, Map<String, double[]> elementScales, Spent jobSpent, Spent budgetSpent,
                        double budgetLimit) {

    /** Why a release was noised. */
    public static final String ASKED = "analyst";
    public static final String REQUIRED = "policy";
    public static final String PARAMETERS = "parameter_noise";

    public NoiseNote {
        quantities = List.copyOf(quantities);
        Map<String, double[]> copy = new LinkedHashMap<>();
        elementScales.forEach((k, v) -> copy.put(k, v.clone()));
        elementScales = Collections.unmodifiableMap(copy);
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("site", site);
        n.put("dataset", dataset);
        n.put("round", round);
        n.put("step", step);
        ArrayNode q = n.putArray("quantities");
        quantities.forEach(q::add);
        n.put("source", source);
        n.setAll(report.toJson());
        ObjectNode scales = n.putObject("element_scales");
        elementScales.forEach((name, v) -> {
            ArrayNode a = scales.putArray(name);
            for (double x : v) {
                a.add(x);
            }
        });
        ObjectNode job = n.putObject("job_spent");
        job.put("epsilon", jobSpent.epsilon());
        job.put("delta", jobSpent.delta());
        job.put("releases", jobSpent.releases());
        ObjectNode budget = n.putObject("dataset_budget");
        budget.put("epsilon_spent", budgetSpent.epsilon());
        budget.put("epsilon_limit", budgetLimit);
        budget.put("delta", budgetSpent.delta());
        budget.put("releases", budgetSpent.releases());
        return n;
    }

    /** One line for the site's audit log and logs. */
    public String describe() {
        return String.format(Locale.ROOT, "%s noise (%s) on %s: epsilon=%s delta=%s %s=%s (%s sensitivity %s); "
                        + "dataset %s has spent epsilon=%s of %s in %d release%s",
                report.mechanism(), source, quantities, num(report.epsilon()), num(report.delta()),
                report.norm().name().equals("L2") ? "sigma" : "scale", num(report.scale()), report.norm(),
                num(report.sensitivity()), dataset, num(budgetSpent.epsilon()), num(budgetLimit),
                budgetSpent.releases(), budgetSpent.releases() == 1 ? "" : "s");
    }

    /** Six significant digits, without trailing zeros. */
    private static String num(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** The notes of a JSON array (as {@link #toJson} wrote them), kept as JSON for the result block. */
    public static List<JsonNode> parseArray(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }
}
