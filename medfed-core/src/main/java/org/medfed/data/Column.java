package org.medfed.data;

/** One column of a site's table. */
public sealed interface Column permits NumericColumn, TextColumn {
    String name();

    int size();

    boolean isMissing(int row);
}
