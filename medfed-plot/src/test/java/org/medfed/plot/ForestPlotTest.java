package org.medfed.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the forest plot prints and draws for ratios, linear coefficients and awkward rows. */
class ForestPlotTest {

    @Test
    void logRatiosAreShownAsRatiosOnALogAxisAroundOne() throws Exception {
        Rendered r = Rendered.of(PlotFilesTest.forest());
        Rendered.assertHasText(r, "Odds ratio (95% CI)");
        Rendered.assertHasText(r, "Odds ratio (log scale)");
        Rendered.assertHasText(r, "2.00 (1.20\u20133.50)");
        Rendered.assertHasText(r, "0.50 (0.30\u20130.90)");
        Rendered.assertHasText(r, "1.00 (0.82\u20131.22)");
        Rendered.assertHasText(r, "p-value");
        Rendered.assertHasText(r, "0.010");
        List<String> texts = r.texts();
        for (String tick : List.of("0.2", "0.5", "1", "2", "5")) {
            assertTrue(texts.contains(tick), "no axis tick " + tick + " in " + texts);
        }
    }

    @Test
    void linearCoefficientsUseZeroAndSayToBetweenSignedEnds() throws Exception {
        ForestPlot plot = new ForestPlot("Birth weight", null, ForestPlot.Scale.LINEAR, "Difference in grams", 0.9,
                List.of("smoke", "age"), List.of(-270.0, 3.2), List.of(-420.0, -10.0), List.of(-120.0, 16.4), null, null);
        Rendered r = Rendered.of(plot);
        r.hasSizeOf(plot);
        Rendered.assertHasText(r, "Difference in grams (90% CI)");
        Rendered.assertHasText(r, "\u2212270 (\u2212420 to \u2212120)");
        Rendered.assertHasText(r, "3.20 (\u221210 to 16.4)");
        assertTrue(r.texts().contains("0"), "no tick at 0: " + r.texts());
        assertFalse(r.texts().contains("p-value"), "a p column without p-values");
        assertFalse(r.texts().stream().anyMatch(t -> t.contains("log scale")));
    }

    @Test
    void aliasedTermsSayNaAndSeparatedOnesDoNotCrushTheAxis() throws Exception {
        ForestPlot plot = new ForestPlot("Odds ratios", null, ForestPlot.Scale.EXPONENTIATED, "Odds ratio", 0.95,
                List.of("x1", "aliased", "separated"), Arrays.asList(0.3, null, 25.0),
                Arrays.asList(0.1, null, -4000.0), Arrays.asList(0.5, null, 4000.0), Arrays.asList(0.001, null, 0.99),
                null);
        Rendered r = Rendered.of(plot);
        Rendered.assertHasText(r, "NA (aliased)");
        Rendered.assertHasText(r, "7.2e10 (0\u2013\u221e)");
        // The axis stops at 1/1000 and 1000 and labels powers of ten, not a range of 10^±1700.
        List<String> texts = r.texts();
        assertTrue(texts.contains("0.001") && texts.contains("1000"), texts.toString());
    }

    @Test
    void aLongSubtitleWrapsInsteadOfBeingCut() throws Exception {
        String formula = "medv ~ crim + zn + indus + chas + nox + rm + age + dis + rad + tax + ptratio + black + lstat";
        String subtitle = formula + " \u00b7 gaussian (identity) \u00b7 n = 506 at 3 sites";
        ForestPlot shortOne = new ForestPlot("t", "short", ForestPlot.Scale.LINEAR, "m", 0.95, List.of("a"),
                List.of(1.0), List.of(0.0), List.of(2.0), null, null);
        ForestPlot longOne = new ForestPlot("t", subtitle, ForestPlot.Scale.LINEAR, "m", 0.95, List.of("a"),
                List.of(1.0), List.of(0.0), List.of(2.0), null, null);
        assertEquals(shortOne.height() + 22, longOne.height());
        Rendered r = Rendered.of(longOne);
        r.hasSizeOf(longOne);
        String shown = String.join(" ", r.texts());
        assertTrue(shown.contains(formula) || shown.contains("lstat"), shown);
        assertTrue(shown.contains("n = 506 at 3 sites"), shown);
        assertFalse(shown.contains("\u2026"), "nothing was cut: " + shown);
    }

    @Test
    void rowsAddHeight() {
        ForestPlot three = PlotFilesTest.forest();
        ForestPlot one = new ForestPlot("t", null, ForestPlot.Scale.LINEAR, "m", 0.95, List.of("a"), List.of(1.0),
                List.of(0.0), List.of(2.0), null, null);
        assertTrue(three.height() > one.height());
        assertEquals(three.width(), one.width());
    }

    @Test
    void listsMustMatchTheTerms() {
        assertThrows(IllegalArgumentException.class, () -> new ForestPlot("t", null, ForestPlot.Scale.LINEAR, "m", 0.95,
                List.of("a", "b"), List.of(1.0), List.of(0.0, 0.0), List.of(2.0, 2.0), null, null));
        assertThrows(IllegalArgumentException.class, () -> new ForestPlot("t", null, ForestPlot.Scale.LINEAR, "m", 0.95,
                List.of(), List.of(), List.of(), List.of(), null, null));
        assertThrows(IllegalArgumentException.class, () -> new ForestPlot("t", null, ForestPlot.Scale.LINEAR, "m", 95,
                List.of("a"), List.of(1.0), List.of(0.0), List.of(2.0), null, null));
    }
}
