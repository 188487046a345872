package org.medfed.methods.survival;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sites coarsened a survival method's time column when they loaded their data (site.yaml
 * {@code coarsen}), as each released it PER_SITE: the result says so, because every number it
 * shows is then the estimate on the coarsened times, not on the exact ones.
 *
 * @param column the time column
 * @param steps  per site the step it rounded its times up to (0: exact times)
 */
public record TimeCoarsening(String column, Map<String, Double> steps) {

    public TimeCoarsening {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /** One line per coarsening site: "site X coarsened time to multiples of 7". */
    public List<String> notes() {
        List<String> lines = new ArrayList<>();
        steps.forEach((site, step) -> {
            if (step > 0) {
                lines.add("site " + site + " coarsened " + column + " to multiples of " + TimeGrid.format(step));
            }
        });
        return lines;
    }

    /** Adds {@code coarsening: [{site, column, multiple_of}]} to a result's privacy block. */
    public void writeTo(ObjectNode privacy) {
        ArrayNode c = privacy.putArray("coarsening");
        steps.forEach((site, step) -> {
            if (step > 0) {
                c.addObject().put("site", site).put("column", column).put("multiple_of", step);
            }
        });
    }
}
