package org.medfed.method;

/**
 * What one site's half computed for one request, before the release gate: every entry must be a
 * quantity the request declared. The gate checks names, lengths and aggregation kinds, and checks
 * the declared {@link Disclosure} facts (rows summarized, model parameters, smallest released
 * count, factor levels, rows used) against the site's release policy. Only {@code values} leave.
 *
 * @param values     the values to release
 * @param disclosure what the gate needs to judge them; never released
 */
public record Contribution(Payload values, Disclosure disclosure) {
    public Contribution {
        if (values == null) {
            throw new IllegalArgumentException("contribution needs values");
        }
        if (disclosure == null) {
            throw new IllegalArgumentException("contribution needs its disclosure facts");
        }
    }

    /** Values summarizing {@code rows} rows for {@code parameters} model parameters, nothing else declared. */
    public Contribution(Payload values, int rows, int parameters) {
        this(values, Disclosure.of(rows, parameters));
    }

    /** How many of the site's rows the values summarize. */
    public int rows() {
        return disclosure.rows();
    }

    /** How many model parameters the values are computed for (0 when not a model). */
    public int parameters() {
        return disclosure.parameters();
    }

    public Contribution withDisclosure(Disclosure d) {
        return new Contribution(values, d);
    }
}
