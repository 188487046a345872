package org.medfed.methods.svm;

import java.util.ArrayList;
import java.util.List;
import org.medfed.method.Quantity;
import org.medfed.methods.admm.ConsensusSteps;

/**
 * The names of the rounds and of every quantity a site may release in them — the complete list of
 * what leaves a site in an svm job. Shared by both halves so that the declarations and the
 * computation cannot drift apart.
 */
final class SvmSteps {
    /** The site builds its design and labels; releases row counts (and column moments when standardizing). */
    static final String START = "start";
    /**
     * One consensus ADMM round (the engine's entries plus the working coordinates); with a duality
     * gap tolerance also the sums of the gap.
     */
    static final String ADMM = "admm";
    /** The hinge loss (and, when asked for, the correctly classified rows) at the final consensus. */
    static final String EVALUATE = "evaluate";

    static final String ROWS = "rows";
    static final String ROWS_DROPPED = "rows_dropped";
    static final String COLUMN_SUMS = "column_sums";
    static final String COLUMN_SQUARES = "column_squares";
    static final String HINGE = "hinge_sum";
    static final String CORRECT = "correct";
    /** ADMM round, with a gap tolerance: Σ αᵢ of the local dual variables. */
    static final String DUAL_SUM = "dual_sum";
    /** ADMM round, with a gap tolerance: Σ αᵢyᵢx̃ᵢ in working coordinates. */
    static final String DUAL_DIRECTION = "dual_direction";

    /** Request parameters. */
    static final String CLASSES = "svm.classes";
    static final String CENTRE = "svm.centre";
    static final String SCALE = "svm.scale";
    static final String WEIGHTS = "svm.weights";

    private SvmSteps() {
    }

    static List<Quantity> startReleases(int p, boolean standardize) {
        List<Quantity> q = new ArrayList<>(List.of(
                Quantity.perSite(ROWS, "number of rows used (complete cases)"),
                Quantity.perSite(ROWS_DROPPED, "number of rows dropped for missing values")));
        if (standardize) {
            q.add(Quantity.sum(COLUMN_SUMS, "sum over rows of each design column (for the standardizing means)", p));
            q.add(Quantity.sum(COLUMN_SQUARES, "sum over rows of each design column squared (for the standardizing sds)", p));
        }
        return q;
    }

    /** The engine's releases, and with {@code certify} (a duality gap tolerance was asked for) the gap's sums. */
    static List<Quantity> admmReleases(int p, boolean certify, int anderson) {
        List<Quantity> q = new ArrayList<>(ConsensusSteps.releases(p, anderson));
        if (certify) {
            q.add(Quantity.sum(DUAL_SUM, "sum over rows of the local dual variables (each in [0, C]; at most C times "
                    + "the number of support vectors), for the duality gap"));
            q.add(Quantity.sum(DUAL_DIRECTION, "sum over rows of dual variable times label times row (working "
                    + "coordinates), for the duality gap", p));
        }
        return q;
    }

    /** The hinge loss sum, and with {@code accuracy} the correctly classified rows. */
    static List<Quantity> evaluateReleases(boolean accuracy) {
        List<Quantity> q = new ArrayList<>(List.of(
                Quantity.sum(HINGE, "sum over rows of the hinge loss max(0, 1 - y w'x) at the final weights")));
        if (accuracy) {
            q.add(Quantity.sum(CORRECT, "number of rows the final weights classify correctly"));
        }
        return q;
    }
}
