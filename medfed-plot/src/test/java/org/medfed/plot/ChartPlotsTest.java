package org.medfed.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ROC, calibration and histogram plots: labels, ranges and suppressed bins. */
class ChartPlotsTest {

    @Test
    void rocLegendCarriesTheAucAndItsInterval() {
        assertEquals("ROC curve, AUC 0.820 (95% CI 0.740\u20130.900, DeLong)", PlotFilesTest.roc().curveLabel());
        RocPlot bare = new RocPlot("ROC", null, List.of(0.0, 1.0), List.of(0.0, 1.0), null, null, null, 0.95, null);
        assertEquals("ROC curve", bare.curveLabel());
        RocPlot noCi = new RocPlot("ROC", null, List.of(0.0, 1.0), List.of(0.0, 1.0), 0.5, null, null, 0.95, null);
        assertEquals("ROC curve, AUC 0.500", noCi.curveLabel());
        assertThrows(IllegalArgumentException.class,
                () -> new RocPlot("ROC", null, List.of(0.0, 1.0), List.of(0.0), 0.5, null, null, 0.95, null));
    }

    @Test
    void calibrationAxesShareARoundRangeJustAboveThePoints() {
        assertEquals(0.8, PlotFilesTest.calibration().axisMax(), 1e-12);
        CalibrationPlot rare = new CalibrationPlot("c", null, List.of(0.01, 0.03), List.of(0.012, 0.041), null);
        assertEquals(0.05, rare.axisMax(), 1e-12);
        CalibrationPlot high = new CalibrationPlot("c", null, List.of(0.5, 0.99), List.of(0.4, 1.0), null);
        assertEquals(1.0, high.axisMax(), 1e-12);
    }

    @Test
    void suppressedBinsAreExplainedNotDrawnAsBars() throws Exception {
        Rendered r = Rendered.of(PlotFilesTest.histogram());
        Rendered.assertHasText(r, "Suppressed: fewer than 5 at a site");
        Rendered.assertHasText(r, "Age (years)");
        Rendered.assertHasText(r, "Patients");
        assertTrue(r.pixelsNear(PlotStyle.SUPPRESSED.getRGB()) > 2000, "no grey band for the suppressed bin");

        HistogramPlot complete = new HistogramPlot("Age", null, "Age (years)", null, List.of(0.0, 1.0, 2.0),
                List.of(3.0, 4.0), null);
        Rendered plain = Rendered.of(complete);
        assertFalse(plain.texts().stream().anyMatch(t -> t.contains("uppressed")), plain.texts().toString());
        Rendered.assertHasText(plain, "Count");
    }

    @Test
    void unequalBinsShowCountsPerUnitSoAreasAreCounts() throws Exception {
        HistogramPlot unequal = new HistogramPlot("Dose", null, "Dose (mg)", "Patients", List.of(0.0, 10.0, 50.0),
                List.of(20.0, 40.0), null);
        assertFalse(unequal.equalWidths());
        assertTrue(PlotFilesTest.histogram().equalWidths());
        Rendered.assertHasText(Rendered.of(unequal), "Patients per unit of Dose (mg)");
    }

    @Test
    void histogramBreaksMustBeIncreasingAndOneMoreThanCounts() {
        assertThrows(IllegalArgumentException.class, () -> new HistogramPlot("h", null, "x", null,
                List.of(0.0, 1.0), List.of(1.0, 2.0), null));
        assertThrows(IllegalArgumentException.class, () -> new HistogramPlot("h", null, "x", null,
                List.of(0.0, 2.0, 1.0), List.of(1.0, 2.0), null));
        assertThrows(IllegalArgumentException.class, () -> new HistogramPlot("h", null, "x", null,
                Arrays.asList(0.0, Double.POSITIVE_INFINITY), List.of(1.0), null));
    }

    @Test
    void notesAreDrawnUnderTheSubtitle() throws Exception {
        RocPlot roc = new RocPlot("ROC", "model", List.of(0.0, 0.5, 1.0), List.of(0.0, 0.8, 1.0), 0.8, 0.7, 0.9, 0.95,
                "DeLong", "40 events, 60 non-events");
        Rendered.assertHasText(Rendered.of(roc), "40 events, 60 non-events");
        HistogramPlot histogram = new HistogramPlot("Change", "n = 7", "Change (kg)", null, List.of(-10.0, 0.0, 10.0, 20.0),
                List.of(1.0, 3.0, 4.0), null, "2 rows above 20 lie outside the bins.");
        Rendered r = Rendered.of(histogram);
        Rendered.assertHasText(r, "2 rows above 20 lie outside the bins.");
        for (String tick : List.of("\u221210", "0", "10", "20")) {
            Rendered.assertHasText(r, tick); // few equal bins: a tick at every break
        }
        assertFalse(r.texts().contains("5"), "no tick between breaks: " + r.texts());
    }
}
