package org.medfed.formula;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The levels of every factor in a model, agreed across sites: key (a column name, or a
 * {@code factor(x)} label) to levels in R's order, the first being the reference level of
 * treatment contrasts. Sites report the levels present in their complete rows; the hub takes
 * the union and sorts it as R would sort the pooled data, so every site codes its design with
 * the same columns.
 */
public record FactorLevels(Map<String, List<String>> levels) {

    public FactorLevels {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        levels.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        levels = java.util.Collections.unmodifiableMap(copy);
    }

    /** The levels of {@code key}, or null if it has none here. */
    public List<String> of(String key) {
        return levels.get(key);
    }

    /**
     * Distinct levels in R's order: numerically for {@code factor(x)} of a numeric column
     * (R sorts the values, then labels them), otherwise as R's {@code sort()} orders strings.
     */
    public static List<String> sortLikeR(Collection<String> levels, boolean numeric) {
        Comparator<String> order = numeric
                ? Comparator.comparingDouble(FactorLevels::labelValue).thenComparing(RCollation.INSTANCE)
                : RCollation.INSTANCE;
        TreeSet<String> sorted = new TreeSet<>(order);
        sorted.addAll(levels);
        return new ArrayList<>(sorted);
    }

    /** R's {@code as.character()} of a double: 4 → "4", 1e6 → "1e+06", 1/3 → "0.333333333333333". */
    public static String numberLabel(double v) {
        return RFormat.numberLabel(v);
    }

    /**
     * The columns to treat as numeric, from every site's schema: numeric where any site stores
     * them as numbers. A site that stores such a column as text (a stray non-number made its
     * reader type it so) parses it, and reports the first cell that is not a number.
     */
    public static Set<String> numericVariables(Collection<SiteSchema> sites) {
        Set<String> numeric = new LinkedHashSet<>();
        for (SiteSchema s : sites) {
            s.kinds().forEach((name, kind) -> {
                if (kind == VariableKind.NUMERIC) {
                    numeric.add(name);
                }
            });
        }
        return numeric;
    }

    /**
     * The hub's merge of the sites' levels for {@code formula}: for each factor key in use
     * (bare columns that are not numeric, and every {@code factor(x)}), the union of the levels
     * present at the sites, in R's order.
     */
    public static FactorLevels harmonize(Formula formula, Collection<SiteSchema> sites) {
        Set<String> numeric = numericVariables(sites);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String key : formula.factorKeys()) {
            boolean isFactorCall = key.startsWith("factor(");
            if (!isFactorCall && numeric.contains(key)) {
                continue;
            }
            Set<String> union = new LinkedHashSet<>();
            for (SiteSchema s : sites) {
                List<String> present = s.levelsPresent().get(key);
                if (present != null) {
                    union.addAll(present);
                }
            }
            boolean numericSort = isFactorCall && numeric.contains(SiteSchema.factorSource(key));
            out.put(key, sortLikeR(union, numericSort));
        }
        return new FactorLevels(out);
    }

    private static double labelValue(String label) {
        double v = NumberText.parse(label);
        return NumberText.isNotANumber(v) ? Double.NaN : v;
    }
}
