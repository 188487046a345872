package org.medfed.methods.frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The line every formula-based result prints about the rows each site used, so that all methods
 * say it in the same words: {@code "a 76 rows, b 64 rows (2 dropped for missing values); total 140"}.
 */
public final class SiteRows {
    private SiteRows() {
    }

    /** Sites in the map's order, each with its rows used and, where any, its rows dropped; then the total. */
    public static String text(Map<String, Integer> rowsBySite, Map<String, Integer> droppedBySite) {
        List<String> parts = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Integer> site : rowsBySite.entrySet()) {
            int dropped = droppedBySite.getOrDefault(site.getKey(), 0);
            parts.add(site.getKey() + " " + site.getValue() + " rows"
                    + (dropped > 0 ? " (" + dropped + " dropped for missing values)" : ""));
            total += site.getValue();
        }
        return String.join(", ", parts) + "; total " + total;
    }
}
