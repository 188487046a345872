package org.medfed.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kaplan–Meier plot: curves, bands, censoring marks and the numbers-at-risk table, as PNG and SVG. */
class KaplanMeierPlotTest {
    @TempDir
    Path dir;

    static KaplanMeierPlot twoGroups() {
        KaplanMeierPlot.Curve a = new KaplanMeierPlot.Curve("sex=male", List.of(10.0, 20.0, 35.0, 50.0),
                List.of(10.0, 8.0, 6.0, 3.0), List.of(1.0, 0.0, 1.0, 0.0), List.of(0.9, 0.7, 0.7, 0.4),
                List.of(0.7, 0.5, 0.5, 0.2), List.of(1.0, 0.9, 0.9, 0.7));
        KaplanMeierPlot.Curve b = new KaplanMeierPlot.Curve("sex=female", List.of(15.0, 40.0), List.of(5.0, 2.0),
                List.of(0.0, 1.0), List.of(0.8, 0.8), List.of(0.5, 0.5), List.of(1.0, 1.0));
        return new KaplanMeierPlot("Kaplan-Meier: Surv(time, status) ~ sex", "3 sites, n = 15", "time", List.of(a, b),
                0.95, null);
    }

    @Test
    void drawsCurvesBandsMarksAndTheNumbersAtRisk() throws Exception {
        KaplanMeierPlot plot = twoGroups();
        List<Path> files = PlotFiles.write(plot, dir, "km");
        Rendered r = Rendered.read(files.get(0), files.get(1));
        r.hasSizeOf(plot);
        Rendered.assertHasText(r, "Number at risk");
        Rendered.assertHasText(r, "sex=female");
        Rendered.assertHasText(r, "Survival probability");
        Rendered.assertHasText(r, "95% pointwise confidence bands (log); + censored");
        // At time 0 everyone is at risk: the table's first column.
        assertTrue(r.texts().contains("10") && r.texts().contains("5"), r.texts().toString());
        assertTrue(r.pixelsNear(PlotStyle.ACCENT.getRGB()) > 500, "no male curve in the accent colour");
    }

    @Test
    void theNumberAtRiskIsTheRowsAtOrAfterATime() {
        KaplanMeierPlot.Curve a = twoGroups().curves().get(0);
        assertEquals(10, a.atRisk(0));
        assertEquals(8, a.atRisk(20));
        assertEquals(6, a.atRisk(21));
        assertEquals(0, a.atRisk(51));
        assertEquals(50, twoGroups().maxTime());
        assertThrows(IllegalArgumentException.class, () -> new KaplanMeierPlot("t", null, "time", List.of(), 0.95, null));
    }
}
