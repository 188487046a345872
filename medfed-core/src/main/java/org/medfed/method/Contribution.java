package org.medfed.method;

/**
 * What one site's half computed for one request, before the release gate: every entry must be a
 * quantity the request declared. The gate checks names, lengths and aggregation kinds, and checks
 * the declared disclosure facts against the site's release policy.
 *
 * @param values     the values to release
 * @param rows       how many of the site's rows the values summarize (the site policy's minimum-rows
 *                   rule reads this; a method that folds over complete cases reports those)
 * @param parameters how many model parameters the values are computed for (0 when not a model);
 *                   the policy's parameters-to-rows rule (DataSHIELD's {@code nfilter.glm}) reads this
 */
public record Contribution(Payload values, int rows, int parameters) {
    public Contribution {
        if (values == null) {
            throw new IllegalArgumentException("contribution needs values");
        }
        if (rows < 0 || parameters < 0) {
            throw new IllegalArgumentException("negative rows or parameters in a contribution");
        }
    }
}
