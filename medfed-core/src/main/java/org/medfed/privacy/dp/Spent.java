package org.medfed.privacy.dp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A dataset's spending so far: the running sums in each currency ({@code pureEpsilon} from
 * Laplace releases, {@code rho} from Gaussian ones), how many releases, and the combined
 * (ε, δ) guarantee against which the budget is checked: ε = pureEpsilon + ε_zCDP(ρ, δ) and
 * δ = the budget's δ once any Gaussian release was made (0 before).
 */
public record Spent(String dataset, int releases, double pureEpsilon, double rho, double epsilon, double delta) {

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("dataset", dataset);
        n.put("releases", releases);
        n.put("epsilon", epsilon);
        n.put("delta", delta);
        n.put("pureEpsilon", pureEpsilon);
        n.put("rho", rho);
        return n;
    }
}
