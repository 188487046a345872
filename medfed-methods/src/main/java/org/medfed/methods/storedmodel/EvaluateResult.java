package org.medfed.methods.storedmodel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.method.MethodResult;
import org.medfed.methods.evaluation.Evaluation;
import org.medfed.methods.frame.SiteRows;
import org.medfed.methods.glm.GlmResult;

/**
 * A stored model's evaluation on a dataset: the model used (formula and coefficients), the rows
 * per site, and the evaluation in the same JSON shape as {@code glm --evaluate}'s {@code evaluation}.
 */
public record EvaluateResult(EvaluateParameters parameters, Map<String, Integer> rowsBySite,
                             Map<String, Integer> droppedBySite, String where, Evaluation evaluation)
        implements MethodResult {

    public EvaluateResult {
        rowsBySite = new LinkedHashMap<>(rowsBySite);
        droppedBySite = new LinkedHashMap<>(droppedBySite);
    }

    public int n() {
        return rowsBySite.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        StoredModel model = parameters.model();
        ObjectNode root = f.objectNode();
        root.put("method", "evaluate");
        ObjectNode m = root.putObject("model");
        m.put("formula", model.formula());
        m.put("family", model.family());
        m.put("link", model.link());
        m.put("source", model.source());
        ArrayNode coefs = m.putArray("coefficients");
        for (int j = 0; j < model.terms().size(); j++) {
            ObjectNode c = coefs.addObject();
            c.put("term", model.terms().get(j));
            c.put("estimate", model.coefficients()[j]);
            c.put("aliased", model.aliased().contains(model.terms().get(j)));
        }
        ObjectNode levels = m.putObject("levels");
        model.levels().forEach((key, lv) -> {
            ArrayNode a = levels.putArray(key);
            lv.forEach(a::add);
        });
        if (where != null) {
            root.put("where", where);
        }
        root.put("n", n());
        GlmResult.putSites(root, rowsBySite, droppedBySite);
        root.set("evaluation", evaluation.toJson());
        ArrayNode w = root.putArray("warnings");
        warnings().forEach(w::add);
        ObjectNode options = root.putObject("options");
        options.put("hl_groups", parameters.evaluation().groups());
        options.put("auc_bins", parameters.evaluation().histogramBins());
        options.put("conf_level", model.confLevel());
        return root;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        StoredModel model = parameters.model();
        sb.append("Evaluation of a stored model (not refitted): glm(formula = ").append(model.formula())
                .append(", family = ").append(model.family()).append(")\n");
        sb.append("Model: ").append(model.source()).append('\n');
        sb.append("Data: <").append(rowsBySite.size()).append(" sites>");
        if (where != null) {
            sb.append(", subset = ").append(where);
        }
        sb.append('\n');
        sb.append("Sites: ").append(SiteRows.text(rowsBySite, droppedBySite)).append("\n\n");
        sb.append(evaluation.toText("the rows evaluated, at the stored coefficients"));
        for (String w : warnings()) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    @Override
    public List<String> warnings() {
        return EvaluateHub.warnings(parameters.model());
    }
}
