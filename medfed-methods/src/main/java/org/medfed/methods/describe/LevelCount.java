package org.medfed.methods.describe;

/** How many rows (summed over sites) hold one level of a factor. */
public record LevelCount(String level, double count) {
}
