package org.medfed.methods.frame;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medfed.error.UsageException;
import org.medfed.formula.FactorLevels;
import org.medfed.formula.Formula;
import org.medfed.formula.SiteSchema;
import org.medfed.formula.VariableKind;
import org.medfed.method.Aggregate;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.SiteData;
import org.medfed.method.SiteState;

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
    /** Where {@link #answerAndKeep} keeps the schema round's disclosure in site state. */
    private static final String KEPT = "schema.disclosure";

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

    /**
     * Site half: describe the referenced columns without releasing any row. The contribution
     * declares the site's complete rows (how many and which), and how many levels of each factor
     * occur among them, so a site policy can refuse a too-small, too-dense or differencing
     * analysis before any model quantity is computed.
     */
    public static Contribution answer(Formula formula, String weights, SiteData data) {
        SiteSchema schema = SiteSchema.probe(data.table(), formula, weights, data.keep());
        return describe(formula, schema.kinds(), schema.levelsPresent(), Disclosure.of(schema.completeRows(), 0)
                .withRowsUsed(schema.rowsUsed()));
    }

    /**
     * {@link #answer} (without weights) for methods whose later rounds summarize the schema
     * round's complete rows: the disclosure (which rows, their factor levels) is kept in site
     * state for those rounds, read back with {@link #kept}.
     */
    public static Contribution answerAndKeep(Formula formula, SiteData data, SiteState state) {
        Contribution schema = answer(formula, null, data);
        state.put(KEPT, schema.disclosure());
        return schema;
    }

    /** The schema round's disclosure that {@link #answerAndKeep} kept. */
    public static Disclosure kept(SiteState state) {
        return state.get(KEPT, Disclosure.class);
    }

    /**
     * Site half for methods that treat each column on its own (descriptive statistics), with
     * the same releases as {@link #answer}: the levels of a factor are those present among the
     * kept rows where that column is present (not among rows complete in every column), and the
     * contribution declares every row the job's filter kept as summarized.
     */
    public static Contribution answerPerColumn(Formula formula, SiteData data) {
        Map<String, VariableKind> kinds = new LinkedHashMap<>();
        Map<String, List<String>> levels = new LinkedHashMap<>();
        for (String column : formula.variables()) {
            SiteSchema one = SiteSchema.probe(data.table(), Formula.parse("~" + quoted(column)), null, data.keep());
            kinds.putAll(one.kinds());
            levels.putAll(one.levelsPresent());
        }
        BitSet kept = Disclosure.rowsOf(data.keep(), data.table().rowCount());
        return describe(formula, kinds, levels, Disclosure.of(kept.cardinality(), 0).withRowsUsed(kept));
    }

    /** A column name as a formula variable: backquoted, so that any name without a backquote parses. */
    public static String quoted(String column) {
        if (column.isEmpty() || column.indexOf('`') >= 0) {
            throw new UsageException("column name '" + column + "' cannot be used (empty or contains '`')");
        }
        return "`" + column + "`";
    }

    private static Contribution describe(Formula formula, Map<String, VariableKind> kinds,
                                         Map<String, List<String>> levelsPresent, Disclosure facts) {
        List<String> numeric = new ArrayList<>();
        List<String> text = new ArrayList<>();
        kinds.forEach((name, kind) -> (kind == VariableKind.NUMERIC ? numeric : text).add(name));
        Payload.Builder b = Payload.builder().put(NUMERIC, numeric).put(TEXT, text);
        for (String key : formula.factorKeys()) {
            b.put(LEVELS + key, levelsPresent.getOrDefault(key, List.of()));
        }
        Map<String, Integer> levelCounts = new LinkedHashMap<>();
        levelsPresent.forEach((key, levels) -> levelCounts.put(key, levels.size()));
        return new Contribution(b.build(), facts.withFactorLevels(levelCounts));
    }

    /**
     * Hub half: the released unions, harmonized by {@link FactorLevels#harmonize(Formula, Set,
     * java.util.function.Function, Map)} (numeric anywhere wins; a site that stored the column
     * as text must then parse it, and names the offending line if it cannot).
     *
     * @param userLevels analyst-given level orders by factor key (R's {@code factor(x, levels=)})
     */
    public static FrameSpec harmonize(Formula formula, Aggregate aggregate, Map<String, List<String>> userLevels) {
        Set<String> numeric = new LinkedHashSet<>(aggregate.union(NUMERIC));
        FactorLevels levels = FactorLevels.harmonize(formula, numeric, key -> aggregate.union(LEVELS + key), userLevels);
        return new FrameSpec(numeric, levels);
    }
}
