package org.medfed.privacy.dp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a site tells the analyst about the noise on one release, for the result's privacy block:
 * the mechanism, its noise scale (Laplace b, or Gaussian σ, in the release's own units, as
 * actually sampled), the per-release ε, δ and ρ, the declared per-row sensitivity and its norm,
 * and the grid spacing the release was rounded to. For Laplace, δ = 0 and ρ = ε²/2 (what pure
 * ε-DP implies); for Gaussian, (ε, δ) is the analytic calibration and ρ = Δ²/(2σ²).
 */
public record NoiseReport(String mechanism, double scale, double epsilon, double delta, double rho,
        double sensitivity, Norm norm, double grid) {

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("mechanism", mechanism);
        n.put(norm == Norm.L2 ? "sigma" : "scale", scale);
        n.put("epsilon", epsilon);
        n.put("delta", delta);
        n.put("rho", rho);
        n.put("sensitivity", sensitivity);
        n.put("norm", norm.name());
        n.put("grid", grid);
        return n;
    }
}
