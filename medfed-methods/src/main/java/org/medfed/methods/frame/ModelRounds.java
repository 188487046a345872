package org.medfed.methods.frame;

import java.util.BitSet;
import java.util.Map;
import org.medfed.formula.Design;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.SiteState;

/**
 * What the model rounds of a formula-based method declare at a site: each summarizes the same
 * complete rows for the same design columns, names those rows (for the differencing guard) and the
 * factor levels the schema round found among them. Kept in the job's site state under the frame's
 * own keys, so every method declares it the same way.
 */
public final class ModelRounds {
    private static final String LEVELS = "frame.factorLevels";
    private static final String ROWS_USED = "frame.rowsUsed";

    private ModelRounds() {
    }

    /** Keeps the schema round's factor levels for the declarations of the rounds after it. */
    public static void keepLevels(SiteState state, Contribution schema) {
        state.put(LEVELS, schema.disclosure().factorLevels());
    }

    /** The declaration of a model round over the site's design {@code d}. */
    public static Disclosure disclosure(SiteState state, Design d) {
        if (!state.has(ROWS_USED)) {
            state.put(ROWS_USED, Disclosure.rowsOf(d.sourceRows()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Integer> levels = state.has(LEVELS) ? state.get(LEVELS, Map.class) : Map.of();
        return Disclosure.of(d.rowsUsed(), d.columnNames().size())
                .withFactorLevels(levels).withRowsUsed(state.get(ROWS_USED, BitSet.class));
    }
}
