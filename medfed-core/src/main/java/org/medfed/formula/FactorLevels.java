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
        return harmonize(formula, numericVariables(sites), key -> {
            Set<String> union = new LinkedHashSet<>();
            for (SiteSchema s : sites) {
                union.addAll(s.levelsPresent().getOrDefault(key, List.of()));
            }
            return union;
        }, Map.of());
    }

    /**
     * The one harmonization rule, whatever carried the sites' schemas to the hub: a bare
     * variable that is numeric anywhere is not a factor; every other factor key gets the union of
     * the levels present at the sites, in the analyst's order when given (R's
     * {@code factor(x, levels = ...)}, unused levels dropped as {@code drop.unused.levels}),
     * otherwise sorted as R sorts the pooled data.
     *
     * @param numeric    columns numeric at any site
     * @param present    union of the levels present at the sites, by factor key
     * @param userLevels analyst-given level orders by factor key; a key or a present level they
     *                   do not cover is a {@link org.medfed.error.UsageException}
     */
    public static FactorLevels harmonize(Formula formula, Set<String> numeric,
                                         java.util.function.Function<String, Collection<String>> present,
                                         Map<String, List<String>> userLevels) {
        for (String key : userLevels.keySet()) {
            if (!formula.factorKeys().contains(key)) {
                throw new org.medfed.error.UsageException("--levels " + key + ": not a factor in the formula (factors: "
                        + String.join(", ", formula.factorKeys()) + ")");
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String key : formula.factorKeys()) {
            boolean isFactorCall = key.startsWith("factor(");
            if (!isFactorCall && numeric.contains(key)) {
                continue;
            }
            Collection<String> union = present.apply(key);
            List<String> given = userLevels.get(key);
            List<String> ordered;
            if (given != null) {
                for (String level : union) {
                    if (!given.contains(level)) {
                        throw new org.medfed.error.UsageException("--levels " + key + ": level '" + level
                                + "' occurs in the data but is not in the given list " + given);
                    }
                }
                ordered = new ArrayList<>();
                for (String level : given) {
                    if (union.contains(level)) {
                        ordered.add(level);
                    }
                }
            } else {
                ordered = sortLikeR(union, isFactorCall && numeric.contains(SiteSchema.factorSource(key)));
            }
            if (ordered.isEmpty()) {
                throw new org.medfed.error.MedfedException("factor " + key + " has no levels in any site's complete rows");
            }
            out.put(key, ordered);
        }
        return new FactorLevels(out);
    }

    private static double labelValue(String label) {
        double v = NumberText.parse(label);
        return NumberText.isNotANumber(v) ? Double.NaN : v;
    }
}
