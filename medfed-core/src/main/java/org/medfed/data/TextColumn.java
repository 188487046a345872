package org.medfed.data;

/**
 * A text column stored as categorical codes: {@code codes[row]} indexes {@code dictionary},
 * {@code -1} is missing. The dictionary holds each distinct value once, in no particular order;
 * level order for modelling is decided across sites, not here.
 */
public record TextColumn(String name, int[] codes, String[] dictionary) implements Column {
    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] < 0;
    }

    /** The value at {@code row}, or null when missing. */
    public String get(int row) {
        int c = codes[row];
        return c < 0 ? null : dictionary[c];
    }
}
