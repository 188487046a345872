package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.List;
import org.medfed.formula.Formula;
import org.medfed.method.Quantity;
import org.medfed.methods.frame.FrameRound;

/**
 * The rounds of a table job and what a site may release in them: after the schema round, the
 * cell counts and, beside them, the flags of the cells the site's gate suppressed (declared with
 * the table's shape, so the gate protects row and column totals too). Shared by both halves.
 */
final class TableSteps {
    static final String COUNTS = "counts";
    /** 1 where this site's gate suppressed the cell (the site sends zeros; only its gate marks). */
    static final String SUPPRESSED = "suppressed";

    private TableSteps() {
    }

    /**
     * The variables as a formula of factors ({@code ~ factor(`a`) + factor(`b`)}), so that the
     * schema round harmonizes the levels of text and integer-coded columns alike, over the rows
     * complete in every variable (R's {@code table} drops rows with a missing value).
     */
    static Formula formula(List<String> variables) {
        List<String> terms = new ArrayList<>();
        for (String v : variables) {
            terms.add("factor(" + FrameRound.quoted(v) + ")");
        }
        return Formula.parse("~ " + String.join(" + ", terms));
    }

    static List<Quantity> countReleases(int rows, int cols) {
        int[] shape = cols == 0 ? new int[] {rows} : new int[] {rows, cols};
        return List.of(Quantity.sum(COUNTS, "number of complete rows in each cell of the table (row-major)", shape),
                Quantity.sum(SUPPRESSED, "1 where this site's gate suppressed the cell (a count below its minimum, "
                        + "or a complement protecting one)", shape));
    }
}
