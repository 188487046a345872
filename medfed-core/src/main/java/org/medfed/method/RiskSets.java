package org.medfed.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Survival counts a contribution releases whose risk sets the site's release gate holds to the
 * site's {@code min_cell_count}. A risk set is how many of the site's rows are still under
 * observation at a time (time at or after it): with a risk set of one or two, the next event or
 * censoring time is one patient's. Methods only declare; the gate decides, under the site's
 * {@code small_cells} policy, to refuse or to cut the site's follow-up where its risk set falls
 * below the minimum (the method never sees the policy).
 *
 * @param labels the site's own risk set at each time label of a UNION quantity, in the order of
 *               the labels the contribution sends (for a time shared by several groups, the
 *               largest of their risk sets: the label is released when any group may release it)
 * @param counts count matrices declared {@code groups × times} (row-major, times ascending on the
 *               hub's grid): the events quantity, mapped to {@link Counts} naming the censorings
 *               beside it and the companion quantity (same shape, sent as zeros) in which the gate
 *               marks with 1 the time at which it censored a group's tail
 */
public record RiskSets(Map<String, double[]> labels, Map<String, Counts> counts) {

    /** Nothing declared. */
    public static final RiskSets NONE = new RiskSets(Map.of(), Map.of());

    /**
     * The censoring counts and the gate's marks that belong to one declared events matrix, and
     * (never released) per cell how many rows the method counted there as censored because their
     * own time is not on the grid: a time the gate withheld in the labels round, so the row's
     * follow-up was already cut there; the gate marks those cells too.
     */
    public record Counts(String censored, String censoredAt, double[] offGrid) {
        public Counts {
            offGrid = offGrid == null ? null : offGrid.clone();
        }

        @Override
        public double[] offGrid() {
            return offGrid == null ? null : offGrid.clone();
        }
    }

    public RiskSets {
        Map<String, double[]> l = new LinkedHashMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> l.put(k, v.clone()));
        }
        labels = Collections.unmodifiableMap(l);
        counts = counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public boolean isEmpty() {
        return labels.isEmpty() && counts.isEmpty();
    }

    /** The risk set at each label of a released UNION quantity. */
    public static RiskSets ofLabels(String quantity, double[] atRisk) {
        return new RiskSets(Map.of(quantity, atRisk), Map.of());
    }

    /** Event and censoring count matrices, with the quantity in which the gate marks where it cut. */
    public static RiskSets ofCounts(String events, String censored, String censoredAt, double[] offGrid) {
        return new RiskSets(Map.of(), Map.of(events, new Counts(censored, censoredAt, offGrid)));
    }
}
