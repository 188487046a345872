package org.medfed.method;

/**
 * What one site's half computed for one request, before the release gate: every entry must be a
 * quantity the request declared. The gate checks names, lengths and aggregation kinds.
 */
public record Contribution(Payload values) {
}
