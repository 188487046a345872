package org.medfed.methods.storedmodel;

import java.util.List;
import org.medfed.method.Quantity;

/**
 * The round of a stored model's evaluation that precedes the evaluation's own rounds ({@link
 * org.medfed.methods.evaluation.EvaluationSteps}), and what a site may release in it.
 */
final class EvaluateSteps {
    /** Each site builds the model's design and its fitted probabilities, and says how many rows it has. */
    static final String PREPARE = "evaluate_prepare";

    static final String ROWS = "rows";
    static final String ROWS_DROPPED = "rows_dropped";

    private EvaluateSteps() {
    }

    static List<Quantity> prepareReleases() {
        return List.of(Quantity.perSite(ROWS, "number of rows evaluated (complete cases)"),
                Quantity.perSite(ROWS_DROPPED, "number of rows dropped for missing values"));
    }
}
