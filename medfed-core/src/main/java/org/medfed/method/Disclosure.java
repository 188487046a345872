package org.medfed.method;

import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a site's half says about a contribution so that the site's release gate can judge whether
 * it is disclosive. None of it is released: the gate reads it, audits the row count, and sends
 * only the contribution's values.
 *
 * @param rows         how many of the site's rows the values summarize (the minimum-rows rule); a
 *                     method that folds over complete cases reports those
 * @param parameters   how many model parameters the values are computed for (0 when not a model);
 *                     the parameters-to-rows rule (DataSHIELD's {@code nfilter.glm}) reads this
 * @param smallestCell the smallest count the values release (a table cell, a group size, a risk-set
 *                     count), or empty when they release no counts; the minimum-cell rule
 *                     ({@code nfilter.tab}) reads this
 * @param factorLevels for each factor the computation uses, how many of its levels occur among the
 *                     rows summarized (the maximum-levels and level-density rules read these)
 * @param rowsUsed     which rows of the site's table the computation used (bit i = table row i), or
 *                     null when the method does not say (the site worker then assumes the rows the
 *                     job's filter kept); the differencing guard compares it with earlier subsets
 * @param sensitivities for each released numeric quantity the method can bound, how much one row
 *                     can change it (after the method's clipping); a quantity without an entry
 *                     cannot be released where the site requires differential privacy
 * @param singleRowValues released quantities whose elements are each one row's value (a minimum,
 *                     a maximum): the gate withholds them (sends NaN) unless the site's policy
 *                     allows extremes; the method never decides this itself
 * @param cells        released count vectors whose small cells the gate may suppress rather than
 *                     refuse, each mapped to the companion quantity (same length, sent as zeros)
 *                     in which the gate marks the cells it suppressed; their counts are not part
 *                     of {@code smallestCell}, the gate judges each cell itself (a count declared
 *                     with a two-way shape is a table: the gate also protects its row and column
 *                     totals, see the site's release gate)
 * @param riskSets     released survival counts whose risk sets the gate holds to the site's minimum
 *                     cell count ({@link RiskSets}): per-time event and censoring counts, and the
 *                     time labels released before them with the site's risk set at each label
 * @param fittedValueCounts whether {@code smallestCell} counts rows grouped by a model's fitted
 *                     values (model evaluation: score histograms, risk groups, counts at or
 *                     below a fitted-value threshold) rather than by the data's own values; a
 *                     site's policy may hold such counts to a minimum of their own
 *                     ({@code evaluation_min_cell_count})
 * @param eventTimes   whether the values are resolved by individual event or censoring times (a
 *                     survival time grid, counts or sums per grid time): they reveal when patients
 *                     died or left follow-up, which a site's policy may forbid
 *                     ({@code allow_event_times: false})
 */
public record Disclosure(int rows, int parameters, OptionalInt smallestCell, Map<String, Integer> factorLevels,
                         BitSet rowsUsed, Map<String, Sensitivity> sensitivities, Set<String> singleRowValues,
                         Map<String, String> cells, RiskSets riskSets, boolean fittedValueCounts,
                         boolean eventTimes) {

    public Disclosure {
        if (rows < 0 || parameters < 0) {
            throw new IllegalArgumentException("negative rows or parameters in a contribution");
        }
        smallestCell = smallestCell == null ? OptionalInt.empty() : smallestCell;
        if (smallestCell.isPresent() && smallestCell.getAsInt() < 0) {
            throw new IllegalArgumentException("negative cell count in a contribution");
        }
        Map<String, Integer> levels = new LinkedHashMap<>();
        if (factorLevels != null) {
            factorLevels.forEach((k, v) -> {
                if (v == null || v < 0) {
                    throw new IllegalArgumentException("factor " + k + ": negative level count");
                }
                levels.put(k, v);
            });
        }
        factorLevels = Collections.unmodifiableMap(levels);
        rowsUsed = rowsUsed == null ? null : (BitSet) rowsUsed.clone();
        sensitivities = sensitivities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sensitivities));
        singleRowValues = singleRowValues == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(singleRowValues));
        cells = cells == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        riskSets = riskSets == null ? RiskSets.NONE : riskSets;
    }

    /** Facts without declared risk sets. */
    public Disclosure(int rows, int parameters, OptionalInt smallestCell, Map<String, Integer> factorLevels,
                      BitSet rowsUsed, Map<String, Sensitivity> sensitivities, Set<String> singleRowValues,
                      Map<String, String> cells) {
        this(rows, parameters, smallestCell, factorLevels, rowsUsed, sensitivities, singleRowValues, cells, RiskSets.NONE,
                false, false);
    }

    /** Facts without single-row values or suppressible cells. */
    public Disclosure(int rows, int parameters, OptionalInt smallestCell, Map<String, Integer> factorLevels,
                      BitSet rowsUsed, Map<String, Sensitivity> sensitivities) {
        this(rows, parameters, smallestCell, factorLevels, rowsUsed, sensitivities, Set.of(), Map.of());
    }

    /** Facts without sensitivity bounds (no quantity can then be released with DP). */
    public Disclosure(int rows, int parameters, OptionalInt smallestCell, Map<String, Integer> factorLevels,
                      BitSet rowsUsed) {
        this(rows, parameters, smallestCell, factorLevels, rowsUsed, Map.of(), Set.of(), Map.of());
    }

    /** Rows and parameters only: no counts, no factors, rows used not stated. */
    public static Disclosure of(int rows, int parameters) {
        return new Disclosure(rows, parameters, OptionalInt.empty(), Map.of(), null);
    }

    /** A copy (the record must stay immutable: a gate keeps what it recorded). */
    @Override
    public BitSet rowsUsed() {
        return rowsUsed == null ? null : (BitSet) rowsUsed.clone();
    }

    public boolean declaresRowsUsed() {
        return rowsUsed != null;
    }

    public Disclosure withSmallestCell(int count) {
        return new Disclosure(rows, parameters, OptionalInt.of(count), factorLevels, rowsUsed, sensitivities, singleRowValues, cells, riskSets, fittedValueCounts, eventTimes);
    }

    public Disclosure withFactorLevels(Map<String, Integer> levels) {
        return new Disclosure(rows, parameters, smallestCell, levels, rowsUsed, sensitivities, singleRowValues, cells, riskSets, fittedValueCounts, eventTimes);
    }

    public Disclosure withRowsUsed(BitSet used) {
        return new Disclosure(rows, parameters, smallestCell, factorLevels, used, sensitivities, singleRowValues, cells, riskSets, fittedValueCounts, eventTimes);
    }

    /** These facts with the per-row sensitivity of one released quantity added. */
    public Disclosure withSensitivity(String quantity, Sensitivity s) {
        Map<String, Sensitivity> m = new LinkedHashMap<>(sensitivities);
        m.put(quantity, s);
        return new Disclosure(rows, parameters, smallestCell, factorLevels, rowsUsed, m, singleRowValues, cells, riskSets, fittedValueCounts, eventTimes);
    }

    /**
     * These facts with {@code quantity} declared a vector of single-row values (extremes), which
     * the gate releases only where the site's policy allows extremes.
     */
    public Disclosure withSingleRowValues(String quantity) {
        Set<String> s = new LinkedHashSet<>(singleRowValues);
        s.add(quantity);
        return new Disclosure(rows, parameters, smallestCell, factorLevels, rowsUsed, sensitivities, s, cells, riskSets, fittedValueCounts, eventTimes);
    }

    /**
     * These facts with {@code counts} declared a vector of cell counts whose small cells the gate
     * handles as the site's policy says (suppress or refuse), marking each cell it suppresses with
     * 1 in {@code flags} (a declared quantity of the same length that the method sends as zeros).
     */
    public Disclosure withSuppressibleCells(String counts, String flags) {
        Map<String, String> m = new LinkedHashMap<>(cells);
        m.put(counts, flags);
        return new Disclosure(rows, parameters, smallestCell, factorLevels, rowsUsed, sensitivities, singleRowValues, m, riskSets, fittedValueCounts, eventTimes);
    }

    /**
     * These facts with survival counts whose risk sets the gate holds to the site's minimum cell
     * count (see {@link RiskSets}).
     */
    public Disclosure withRiskSets(RiskSets declared) {
        return new Disclosure(rows, parameters, smallestCell, factorLevels, rowsUsed, sensitivities, singleRowValues, cells,
                declared, fittedValueCounts, eventTimes);
    }

    /**
     * These facts with the smallest cell declared a count of rows grouped by a model's fitted
     * values (see {@code fittedValueCounts}).
     */
    public Disclosure withFittedValueCounts() {
        return new Disclosure(rows, parameters, smallestCell, factorLevels, rowsUsed, sensitivities, singleRowValues, cells,
                riskSets, true, eventTimes);
    }

    /** These facts with the values declared as resolved by event times (see {@code eventTimes}). */
    public Disclosure withEventTimes() {
        return new Disclosure(rows, parameters, smallestCell, factorLevels, rowsUsed, sensitivities, singleRowValues, cells,
                riskSets, fittedValueCounts, true);
    }

    /** The set of table rows {@code sourceRows} lists (a design's used rows). */
    public static BitSet rowsOf(int[] sourceRows) {
        BitSet b = new BitSet();
        for (int r : sourceRows) {
            b.set(r);
        }
        return b;
    }

    /** The set of rows where {@code mask} is true; all {@code n} rows when the mask is null. */
    public static BitSet rowsOf(boolean[] mask, int n) {
        BitSet b = new BitSet(n);
        if (mask == null) {
            b.set(0, n);
            return b;
        }
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                b.set(i);
            }
        }
        return b;
    }
}
