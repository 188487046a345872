package org.medfed.methods.describe;

/**
 * How many rows (summed over sites) hold one level of a factor. A count some site's gate
 * suppressed ({@code small_cells: suppress}) is unknown: {@code count} is NaN (null in JSON,
 * {@code *} in text) and {@code suppressed} is true.
 */
public record LevelCount(String level, double count, boolean suppressed) {

    public LevelCount(String level, double count) {
        this(level, count, false);
    }

    /** A level whose pooled count is unknown because a site suppressed its count. */
    public static LevelCount suppressed(String level) {
        return new LevelCount(level, Double.NaN, true);
    }
}
