package org.medfed.methods.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the minimum-cell rule is told about evaluation counts, including what differencing reveals. */
class ReleasedCutsTest {
    // Two histogram bins [0, 0.5) and [0.5, 1]; in each, two non-events and two events.
    private static final Scores SCORES = new Scores(
            new double[] {0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9},
            new double[] {0, 0, 1, 1, 0, 0, 1, 1});

    private static int histograms(ReleasedCuts cuts, Scores s, int bins) {
        double[] cases = new double[bins];
        double[] controls = new double[bins];
        for (int i = 0; i < s.rows(); i++) {
            (s.outcome()[i] == 1 ? cases : controls)[Scores.bin(s.fitted()[i], bins)]++;
        }
        return cuts.releaseHistograms(cases, controls);
    }

    @Test
    void histogramsDeclareTheirSmallestNonEmptyBinPerClass() {
        assertEquals(2, histograms(new ReleasedCuts(), SCORES, 2));
        Scores oneEventHigh = new Scores(new double[] {0.1, 0.2, 0.3, 0.9}, new double[] {0, 0, 0, 1});
        assertEquals(1, histograms(new ReleasedCuts(), oneEventHigh, 2), "the only event is a cell of one");
        assertEquals(0, new ReleasedCuts().releaseHistograms(new double[4], new double[4]), "no rows, no cell");
    }

    @Test
    void aCountAtOrBelowAThresholdIsJudgedByTheCellsItSplitsOffNotByItsOwnSize() {
        ReleasedCuts cuts = new ReleasedCuts();
        histograms(cuts, SCORES, 2);
        // 2 rows at or below 0.25 (a count of 2), and 2 in (0.25, 0.5) by difference with the bin.
        assertEquals(2, cuts.releaseTotals(SCORES, new double[] {0.25}));
        // 1 row at or below 0.15: by itself a count of 1, and (0.15, 0.25] holds 1 too.
        assertEquals(1, cuts.releaseTotals(SCORES, new double[] {0.15}));
        // Asking again, or cutting at the top of a bin, reveals no new cell.
        assertEquals(0, cuts.releaseTotals(SCORES, new double[] {0.25, 0.15}));
        assertEquals(0, cuts.releaseTotals(SCORES, new double[] {Math.nextDown(0.5)}));
        // A large cumulative count can still isolate one row: 7 rows at or below 0.85 leaves the
        // bin [0.5, 1] cut into 3 rows and 1 row.
        assertEquals(1, cuts.releaseTotals(SCORES, new double[] {0.85}));
    }

    @Test
    void groupCountsPerClassAreJudgedPerClassInTheCellsTheySplit() {
        ReleasedCuts cuts = new ReleasedCuts();
        histograms(cuts, SCORES, 2);
        cuts.releaseTotals(SCORES, new double[] {0.25});
        // Per class: [0, 0.25] holds 2 non-events, (0.25, 0.5) 2 events.
        assertEquals(2, cuts.releaseClassCounts(SCORES, new double[] {0.25}));
        // 0.35 splits (0.25, 0.5) into one event and one event.
        assertEquals(1, cuts.releaseClassCounts(SCORES, new double[] {0.35}));
    }

    @Test
    void withoutHistogramsTheWholeRangeIsOneCell() {
        ReleasedCuts cuts = new ReleasedCuts();
        assertEquals(4, cuts.releaseTotals(SCORES, new double[] {0.5}));
        assertEquals(1, cuts.releaseTotals(SCORES, new double[] {0.65}));
    }
}
