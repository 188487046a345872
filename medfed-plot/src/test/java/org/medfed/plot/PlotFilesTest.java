package org.medfed.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of plot, from small synthetic data, written as PNG and SVG and read back. */
class PlotFilesTest {
    @TempDir
    Path dir;

    static ForestPlot forest() {
        return new ForestPlot("Odds ratios for the outcome", "y ~ a + b + c · n = 300 at 3 sites",
                ForestPlot.Scale.EXPONENTIATED, "Odds ratio", 0.95, List.of("a", "b", "c"),
                List.of(Math.log(2), Math.log(0.5), 0.0), List.of(Math.log(1.2), Math.log(0.3), -0.2),
                List.of(Math.log(3.5), Math.log(0.9), 0.2), List.of(0.01, 0.02, 1.0), "Wald intervals.");
    }

    static RocPlot roc() {
        return new RocPlot("ROC curve", "n = 100", List.of(0.0, 0.1, 0.3, 0.6, 1.0), List.of(0.0, 0.5, 0.8, 0.95, 1.0),
                0.82, 0.74, 0.90, 0.95, "DeLong");
    }

    static CalibrationPlot calibration() {
        return new CalibrationPlot("Calibration", null, List.of(0.05, 0.15, 0.3, 0.5, 0.7),
                List.of(0.04, 0.18, 0.27, 0.55, 0.66), "Hosmer-Lemeshow p = 0.5");
    }

    static HistogramPlot histogram() {
        return new HistogramPlot("Age", "n = 120", "Age (years)", "Patients", List.of(20.0, 30.0, 40.0, 50.0, 60.0),
                Arrays.asList(10.0, 40.0, null, 30.0), "Suppressed: fewer than 5 at a site");
    }

    @Test
    void everyKindIsWrittenAsPngAndSvgOfItsSize() throws Exception {
        for (Plot plot : List.of(forest(), roc(), calibration(), histogram())) {
            String name = plot.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            List<Path> files = PlotFiles.write(plot, dir, name);
            assertEquals(List.of(dir.resolve(name + ".png"), dir.resolve(name + ".svg")), files);
            Rendered r = Rendered.read(files.get(0), files.get(1));
            r.hasSizeOf(plot);
            // The data colour is on the picture, not just a white page with a title.
            assertTrue(r.pixelsNear(PlotStyle.ACCENT.getRGB()) + r.pixelsNear(PlotStyle.ACCENT_LIGHT.getRGB()) > 500,
                    name + ": no data drawn");
            Rendered.assertSvgFontsFallBack(Files.readAllBytes(files.get(1)));
        }
    }

    @Test
    void titlesAndLabelsAreTextInTheSvg() throws Exception {
        Rendered roc = Rendered.of(roc());
        Rendered.assertHasText(roc, "ROC curve");
        Rendered.assertHasText(roc, "Sensitivity (true-positive rate)");
        Rendered.assertHasText(roc, "1 \u2212 Specificity (false-positive rate)");
        Rendered.assertHasText(roc, "AUC 0.820 (95% CI 0.740\u20130.900, DeLong)");
        Rendered cal = Rendered.of(calibration());
        Rendered.assertHasText(cal, "Perfect calibration");
        Rendered.assertHasText(cal, "Hosmer-Lemeshow p = 0.5");
        Rendered.assertHasText(cal, "Observed proportion of events");
    }

    @Test
    void folderIsCreatedWithItsParents() throws Exception {
        Path nested = dir.resolve("a/b/plots");
        PlotFiles.write(forest(), nested, "forest");
        assertTrue(Files.isRegularFile(nested.resolve("forest.png")));
        assertTrue(Files.isRegularFile(nested.resolve("forest.svg")));
    }

    @Test
    void aFolderThatCannotBeMadeIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("results.txt"), "not a folder");
        IOException e = assertThrows(IOException.class, () -> PlotFiles.write(forest(), file, "forest"));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a folder"), e.getMessage());
        IOException below = assertThrows(IOException.class, () -> PlotFiles.prepare(file.resolve("plots")));
        assertTrue(below.getMessage().startsWith("cannot create the plot folder " + file.resolve("plots")),
                below.getMessage());
    }

    @Test
    void fileNamesAreRestrictedToSafeCharacters() {
        assertThrows(IllegalArgumentException.class, () -> PlotFiles.write(forest(), dir, "../escape"));
        assertThrows(IllegalArgumentException.class, () -> PlotFiles.write(forest(), dir, ""));
    }
}
