package org.medfed.methods.frame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.formula.FactorLevels;
import org.medfed.formula.Formula;
import org.medfed.formula.SiteSchema;
import org.medfed.formula.VariableKind;
import org.medfed.method.Aggregate;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.SiteData;

/**
 * Both halves of the schema round. The site releases, as set unions, the names of referenced
 * columns that it stores as numbers or as text and the factor levels present among its complete
 * rows; the hub learns the union, not which site holds which level.
 */
public final class FrameRound {
    public static final String STEP = "schema";
    private static final String NUMERIC = "schema.numeric";
    private static final String TEXT = "schema.text";
    private static final String LEVELS = "schema.levels:";

    private FrameRound() {
    }

    /** The quantities the schema round may release for this formula. */
    public static List<Quantity> releases(Formula formula) {
        List<Quantity> q = new ArrayList<>();
        q.add(Quantity.union(NUMERIC, "names of referenced columns stored as numbers"));
        q.add(Quantity.union(TEXT, "names of referenced columns stored as text"));
        for (String key : formula.factorKeys()) {
            q.add(Quantity.union(LEVELS + key, "levels of " + key + " present among complete rows"));
        }
        return q;
    }

    /** Site half: describe the referenced columns without releasing any row. */
    public static Payload answer(Formula formula, String weights, SiteData data) {
        SiteSchema schema = SiteSchema.probe(data.table(), formula, weights, data.keep());
        List<String> numeric = new ArrayList<>();
        List<String> text = new ArrayList<>();
        schema.kinds().forEach((name, kind) -> (kind == VariableKind.NUMERIC ? numeric : text).add(name));
        Payload.Builder b = Payload.builder().put(NUMERIC, numeric).put(TEXT, text);
        for (String key : formula.factorKeys()) {
            b.put(LEVELS + key, schema.levelsPresent().getOrDefault(key, List.of()));
        }
        return b.build();
    }

    /**
     * Hub half: a variable numeric at any site is numeric (a site that stored it as text must then
     * parse it, and names the offending line if it cannot); a factor's levels are the union of
     * the sites' levels, in the analyst's order if given, else sorted as R sorts them.
     *
     * @param userLevels analyst-given level orders by factor key (R's {@code factor(x, levels=)})
     */
    public static FrameSpec harmonize(Formula formula, Aggregate aggregate, Map<String, List<String>> userLevels) {
        Set<String> numeric = new LinkedHashSet<>(aggregate.union(NUMERIC));
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String key : formula.factorKeys()) {
            boolean isFactorCall = key.startsWith("factor(");
            if (!isFactorCall && numeric.contains(key)) {
                continue;
            }
            SortedSet<String> present = aggregate.union(LEVELS + key);
            List<String> ordered;
            List<String> given = userLevels.get(key);
            if (given != null) {
                for (String level : present) {
                    if (!given.contains(level)) {
                        throw new UsageException("--levels " + key + ": level '" + level
                                + "' occurs in the data but is not in the given list " + given);
                    }
                }
                ordered = new ArrayList<>();
                for (String level : given) {
                    if (present.contains(level)) {
                        ordered.add(level);
                    }
                }
            } else {
                String variable = isFactorCall ? key.substring("factor(".length(), key.length() - 1) : key;
                ordered = FactorLevels.sortLikeR(present, numeric.contains(variable));
            }
            if (ordered.isEmpty()) {
                throw new MedfedException("factor " + key + " has no levels in any site's complete rows");
            }
            levels.put(key, ordered);
        }
        for (String key : userLevels.keySet()) {
            if (!formula.factorKeys().contains(key)) {
                throw new UsageException("--levels " + key + ": not a factor in the formula (factors: "
                        + String.join(", ", formula.factorKeys()) + ")");
            }
        }
        return new FrameSpec(numeric, new FactorLevels(levels));
    }
}
