package org.medfed.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scree plot and the loadings plot: what they print and draw, and what they refuse. */
class PcaPlotsTest {

    static ScreePlot scree() {
        return new ScreePlot("Variance explained", "4 columns \u00b7 n = 50 at 3 sites", List.of("PC1", "PC2", "PC3", "PC4"),
                List.of(0.62006, 0.24744, 0.08914, 0.04336), "Correlation matrix.");
    }

    static LoadingsPlot loadings() {
        return new LoadingsPlot("Loadings", null, List.of("Murder", "Assault", "UrbanPop", "Rape"),
                List.of(0.5359, 0.5832, 0.2782, 0.5434), List.of(-0.4182, -0.1880, 0.8728, 0.1673),
                "PC1 (62.0% of variance)", "PC2 (24.7% of variance)", "Largest |loading| of each component positive.");
    }

    @Test
    void screeBarsArePercentLabelledUnderTheCumulativeLine() throws Exception {
        ScreePlot plot = scree();
        Rendered r = Rendered.of(plot);
        r.hasSizeOf(plot);
        for (String s : List.of("Variance explained", "PC1", "PC4", "62.0%", "24.7%", "8.9%", "4.3%",
                "Proportion of variance", "Cumulative proportion", "Component", "Correlation matrix.")) {
            Rendered.assertHasText(r, s);
        }
        assertTrue(r.pixelsNear(PlotStyle.ACCENT_LIGHT.getRGB()) > 2000, "no bars drawn");
        assertTrue(r.pixelsNear(PlotStyle.ACCENT.getRGB()) > 500, "no cumulative line drawn");
        List<Double> cumulative = plot.cumulative();
        assertEquals(0.86750, cumulative.get(1), 1e-12);
        assertEquals(1.0, cumulative.get(3), 1e-12);
    }

    @Test
    void screeRefusesProportionsOutsideZeroToOneAndMismatchedLists() {
        assertThrows(IllegalArgumentException.class,
                () -> new ScreePlot("s", null, List.of("PC1", "PC2"), List.of(1.2, -0.2), null));
        assertThrows(IllegalArgumentException.class,
                () -> new ScreePlot("s", null, List.of("PC1", "PC2"), List.of(1.0), null));
        assertThrows(IllegalArgumentException.class, () -> new ScreePlot("s", null, List.of(), List.of(), null));
    }

    @Test
    void loadingsAreLabelledLinesOnEqualSymmetricAxes() throws Exception {
        LoadingsPlot plot = loadings();
        Rendered r = Rendered.of(plot);
        r.hasSizeOf(plot);
        for (String s : List.of("Murder", "Assault", "UrbanPop", "Rape", "PC1 (62.0% of variance)",
                "PC2 (24.7% of variance)", "Largest |loading| of each component positive.")) {
            Rendered.assertHasText(r, s);
        }
        // 0.8728 * 1.25 = 1.091: the axes run from -1.1 to 1.1, ticks every 0.2 with a true minus sign.
        assertEquals(1.1, plot.axisLimit(), 1e-12);
        Rendered.assertHasText(r, "\u22120.4");
        Rendered.assertHasText(r, "0.8");
        assertTrue(r.pixelsNear(PlotStyle.ACCENT_LIGHT.getRGB()) > 300, "no loading lines drawn");
        assertTrue(r.pixelsNear(PlotStyle.ACCENT.getRGB()) > 100, "no loading dots drawn");
        LoadingsPlot small = new LoadingsPlot("l", null, List.of("a", "b"), List.of(0.01, -0.02), List.of(0.0, 0.01),
                "PC1", "PC2", null);
        assertEquals(0.1, small.axisLimit(), 1e-12);
    }

    @Test
    void loadingsMustBeFiniteAndOnePairPerVariable() {
        assertThrows(IllegalArgumentException.class, () -> new LoadingsPlot("l", null, List.of("a", "b"),
                List.of(0.1), List.of(0.1, 0.2), "PC1", "PC2", null));
        assertThrows(IllegalArgumentException.class, () -> new LoadingsPlot("l", null, List.of("a"),
                List.of(Double.NaN), List.of(0.1), "PC1", "PC2", null));
    }
}
