package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.plot.CalibrationPlot;
import org.medfed.plot.ForestPlot;
import org.medfed.plot.HistogramPlot;
import org.medfed.plot.Plot;
import org.medfed.plot.PlotFiles;
import org.medfed.plot.RocPlot;
import org.medfed.site.ReleasePolicy;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * {@code --plot DIR}: the forest plot of {@code simulate glm}, the ROC and calibration plots of
 * {@code --evaluate}, and the histograms of {@code simulate summary} and {@code run summary}; what
 * they show for the birthwt fixture (the demo's site files are the shared reference's
 * glm-logistic-birthwt split) and the lung fixture; and a folder that cannot be written.
 */
class CliPlotTest {
    /** The shared reference's lung split, as medfed-runtime's tests hold it (tests run in the module's folder). */
    private static final Path LUNG = Path.of("..", "medfed-runtime", "src", "test", "resources", "reference",
            "summary-stats-lung");

    /** The fill of a suppressed bin's band (medfed-plot's PlotStyle.SUPPRESSED, #d9d9d9). */
    private static final int SUPPRESSED_GREY = 0xFFD9D9D9;

    @TempDir
    Path dir;

    private List<String> birthwtGlm(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("simulate", "glm", "--formula", DemoCommand.FORMULA,
                "--family", "binomial", "--levels", "race=white,black,other"));
        for (int i = 1; i <= 3; i++) {
            args.addAll(List.of("--site", "s" + i + "=" + demoFile("site" + i + ".csv")));
        }
        args.addAll(List.of(more));
        return args;
    }

    private Path demoFile(String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            try (InputStream in = getClass().getResourceAsStream("/demo/" + name)) {
                Files.copy(in, p);
            }
        }
        return p;
    }

    private static CliRun run(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Document svg(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void simulateGlmWritesTheForestPlotOfOddsRatios() throws Exception {
        Path plots = dir.resolve("figures");
        CliRun run = run(birthwtGlm("--plot", plots.toString(), "--json"));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out()); // stdout is still one JSON document
        assertEquals("glm", json.path("method").asText());
        Path png = plots.resolve("forest.png");
        Path svg = plots.resolve("forest.svg");
        assertTrue(run.err().contains(png.toString()) && run.err().contains(svg.toString()), run.err());

        ForestPlot expected = ResultPlots.forest(json);
        assertEquals(9, expected.terms().size(), "every term but the intercept");
        assertFalse(expected.terms().contains("(Intercept)"));
        assertEquals(ForestPlot.Scale.EXPONENTIATED, expected.scale());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(expected.width() * PlotFiles.PNG_SCALE, image.getWidth());
        assertEquals(expected.height() * PlotFiles.PNG_SCALE, image.getHeight());
        Document doc = svg(svg);
        assertEquals(expected.width() + "px", doc.getDocumentElement().getAttribute("width"));
        assertEquals(expected.height() + "px", doc.getDocumentElement().getAttribute("height"));

        List<String> texts = texts(doc);
        // R: exp(coef(fit)) and exp(confint.default(fit)) for raceblack, smoke and ht; p from summary(fit).
        for (String s : List.of("Odds ratios (outcome: low)", "Odds ratio (95% CI)", "Odds ratio (log scale)", "raceblack",
                "3.57 (1.27\u201310.0)", "2.56 (1.16\u20135.62)", "6.44 (1.64\u201325.3)", "0.016", "0.008",
                "low ~ age + lwt + race + smoke + ptl + ht + ui + ftv \u00b7 binomial (logit) \u00b7 n = 189 at 3 sites")) {
            assertTrue(texts.contains(s), "no '" + s + "' in " + texts);
        }
    }

    @Test
    void gaussianCoefficientsAreDrawnOnTheirOwnScale() throws Exception {
        Path plots = dir.resolve("gaussian");
        CliRun run = run(List.of("simulate", "glm", "--formula", "lwt ~ age + smoke", "--conf-level", "0.975",
                "--site", "a=" + demoFile("site1.csv"), "--site", "b=" + demoFile("site2.csv"), "--plot", plots.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Estimate"), "the table is still printed: " + run.out());
        List<String> texts = texts(svg(plots.resolve("forest.svg")));
        assertTrue(texts.contains("Difference in mean lwt (97.5% CI)"), texts.toString());
        assertTrue(texts.contains("Wald 97.5% confidence intervals; intercept not shown; per unit of each term."),
                texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.contains("log scale")), texts.toString());
    }

    @Test
    void anInterceptOnlyModelHasNothingToDraw() throws Exception {
        Path plots = dir.resolve("none");
        CliRun run = run(List.of("simulate", "glm", "--formula", "low ~ 1", "--family", "binomial", "--site",
                "a=" + demoFile("site1.csv"), "--site", "b=" + demoFile("site2.csv"), "--plot", plots.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("no figures to draw"), run.err());
        assertFalse(Files.exists(plots.resolve("forest.png")));
    }

    @Test
    void aFolderThatCannotBeWrittenIsRefusedBeforeTheAnalysis() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "a file, not a folder");
        CliRun below = run(birthwtGlm("--plot", file.resolve("plots").toString()));
        assertEquals(1, below.exitCode(), below.err());
        assertTrue(below.err().startsWith("medfed: --plot: cannot create the plot folder " + file.resolve("plots")),
                below.err());
        assertFalse(below.err().contains("Exception") || below.err().contains("\tat "), below.err());
        assertEquals("", below.out(), "no analysis ran");

        CliRun onFile = run(birthwtGlm("--plot", file.toString()));
        assertEquals(1, onFile.exitCode(), onFile.err());
        assertTrue(onFile.err().contains("exists and is not a folder"), onFile.err());
    }

    @Test
    void helpListsThePlotOption() {
        CliRun help = CliRun.of("simulate", "glm", "--help");
        assertTrue(help.out().contains("--plot=DIR"), help.out());
        CliRun runHelp = CliRun.of("run", "glm", "--help");
        assertTrue(runHelp.out().contains("--plot=DIR"), runHelp.out());
    }

    /** The PNG at twice the plot's size and the SVG at its size; returns the SVG's texts. */
    private static List<String> assertFiles(Plot plot, Path dir, String name) throws Exception {
        BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
        assertEquals(plot.width() * PlotFiles.PNG_SCALE, image.getWidth(), name);
        assertEquals(plot.height() * PlotFiles.PNG_SCALE, image.getHeight(), name);
        Document doc = svg(dir.resolve(name + ".svg"));
        assertEquals(plot.width() + "px", doc.getDocumentElement().getAttribute("width"), name);
        assertEquals(plot.height() + "px", doc.getDocumentElement().getAttribute("height"), name);
        return texts(doc);
    }

    @Test
    void evaluateAddsTheRocCurveAndTheCalibrationPlot() throws Exception {
        Path plots = dir.resolve("evaluation");
        CliRun run = run(birthwtGlm("--evaluate", "--plot", plots.toString(), "--json"));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        for (String name : List.of("forest", "roc", "calibration")) {
            assertTrue(run.err().contains(plots.resolve(name + ".svg").toString()), run.err());
        }

        RocPlot roc = ResultPlots.roc(json);
        assertEquals(json.path("evaluation").path("roc").size(), roc.fpr().size(), "every ROC point");
        assertEquals(List.of(0.0, 0.0), List.of(roc.fpr().get(0), roc.tpr().get(0)));
        assertEquals(List.of(1.0, 1.0), List.of(roc.fpr().get(roc.fpr().size() - 1), roc.tpr().get(roc.tpr().size() - 1)));
        List<String> rocTexts = assertFiles(roc, plots, "roc");
        // pROC: auc(low, fitted(fit)) = 0.7461, ci.auc(..., method = "delong") = 0.6720-0.8201.
        for (String s : List.of("ROC curve (outcome: low)", "ROC curve, AUC 0.746 (95% CI 0.672\u20130.820, DeLong)",
                "Sensitivity (true-positive rate)", "1 \u2212 Specificity (false-positive rate)",
                "59 events, 130 non-events \u00b7 AUC error \u2264 0.00007 (federated score histograms)")) {
            assertTrue(rocTexts.contains(s), "no '" + s + "' in " + rocTexts);
        }

        CalibrationPlot calibration = ResultPlots.calibration(json);
        JsonNode groups = json.path("evaluation").path("hosmer_lemeshow").path("groups");
        assertEquals(10, calibration.expected().size());
        double events = 0;
        for (int i = 0; i < groups.size(); i++) {
            JsonNode g = groups.get(i);
            assertEquals(g.path("observed").asDouble() / g.path("n").asDouble(), calibration.observed().get(i), 1e-15);
            assertEquals(g.path("expected").asDouble() / g.path("n").asDouble(), calibration.expected().get(i), 1e-15);
            events += calibration.observed().get(i) * g.path("n").asDouble();
        }
        assertEquals(59, events, 1e-9, "the groups' events add up to the outcome's");
        List<String> calibrationTexts = assertFiles(calibration, plots, "calibration");
        // ResourceSelection::hoslem.test(low, fitted(fit), g = 10): X-squared = 3.9434, df = 8, p = 0.8622.
        for (String s : List.of("Calibration (outcome: low)", "Predicted probability (group mean)",
                "Observed proportion of events", "Perfect calibration",
                "Hosmer\u2013Lemeshow \u03c7\u00b2 = 3.94, df = 8, p = 0.862; 10 groups by quantiles of predicted risk; "
                        + "Brier score 0.179.")) {
            assertTrue(calibrationTexts.contains(s), "no '" + s + "' in " + calibrationTexts);
        }
    }

    @Test
    void withoutEvaluateThereIsNoRocCurve() throws Exception {
        Path plots = dir.resolve("plain");
        CliRun run = run(birthwtGlm("--plot", plots.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(plots.resolve("forest.png")));
        assertFalse(Files.exists(plots.resolve("roc.png")) || Files.exists(plots.resolve("calibration.png")));
    }

    @Test
    void simulateSummaryDrawsAHistogramOfEachNumericColumn() throws Exception {
        assertTrue(Files.isDirectory(LUNG), "the lung reference split is at " + LUNG.toAbsolutePath());
        Path plots = dir.resolve("lung");
        List<String> args = new ArrayList<>(List.of("simulate", "summary", "--columns", "age,sex,meal.cal,wt.loss",
                "--json", "--plot", plots.toString()));
        for (int i = 1; i <= 3; i++) {
            args.addAll(List.of("--site", "s" + i + "=" + LUNG.resolve("site" + i + ".csv")));
        }
        CliRun run = run(args);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<String> files = new ArrayList<>();
        try (var list = Files.list(plots)) {
            list.forEach(f -> files.add(f.getFileName().toString()));
        }
        files.sort(null);
        assertEquals(List.of("histogram-age.png", "histogram-age.svg", "histogram-meal.cal.png", "histogram-meal.cal.svg",
                "histogram-wt.loss.png", "histogram-wt.loss.svg"), files, "one histogram per numeric column, none for sex");

        JsonNode meal = json.path("columns").get(2);
        assertEquals("meal.cal", meal.path("name").asText());
        HistogramPlot plot = ResultPlots.histogram(json, meal);
        // R: hist(lung$meal.cal)$breaks = seq(0, 2600, 200); $counts starts 3, 12, 28.
        assertEquals(14, plot.breaks().size());
        assertEquals(List.of(3.0, 12.0, 28.0), plot.counts().subList(0, 3));
        assertFalse(plot.counts().contains(null), "nothing is suppressed under the simulator's permissive policy");
        List<String> texts = assertFiles(plot, plots, "histogram-meal.cal");
        for (String s : List.of("Distribution of meal.cal", "meal.cal", "Number of records",
                "n = 181 at 3 sites (47 missing) \u00b7 mean 928.8, SD 402.2 \u00b7 median 975",
                "Bins include their upper edge, as R's hist().")) {
            assertTrue(texts.contains(s), "no '" + s + "' in " + texts);
        }
        assertFalse(texts.stream().anyMatch(t -> t.contains("withheld")), texts.toString());
    }

    @Test
    void runSummaryDrawsSuppressedBinsAsWithheld() throws Exception {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        for (int i = 1; i <= 3; i++) {
            // The default policy: cells of 1 or 2 rows are suppressed, extremes withheld.
            b.site("s" + i, "birthwt", demoFile("site" + i + ".csv")).policy("s" + i, ReleasePolicy.defaults());
        }
        try (LoopbackConsortium consortium = b.secureAggregation(false).start()) {
            Path pki = consortium.pki();
            Path plots = dir.resolve("deployed");
            CliRun run = run(List.of("run", "summary", "--columns", "age", "--dataset", "birthwt", "--json",
                    "--plot", plots.toString(), "--hub", "127.0.0.1:" + consortium.hub().port(),
                    "--ca", pki.resolve("ca.pem").toString(), "--cert", pki.resolve("analyst.pem").toString(),
                    "--key", pki.resolve("analyst.key").toString()));
            assertEquals(0, run.exitCode(), run.err());
            JsonNode json = new ObjectMapper().readTree(run.out());
            JsonNode histogram = json.path("columns").get(0).path("histogram");
            HistogramPlot plot = ResultPlots.histogram(json, json.path("columns").get(0));
            int suppressed = 0;
            for (int i = 0; i < histogram.path("counts").size(); i++) {
                boolean withheld = histogram.path("suppressed").get(i).asInt() > 0;
                suppressed += withheld ? 1 : 0;
                assertEquals(withheld ? null : histogram.path("counts").get(i).asDouble(), plot.counts().get(i), "bin " + i);
            }
            assertTrue(suppressed > 0, "the default policy suppresses some small bin: " + histogram);
            List<String> texts = assertFiles(plot, plots, "histogram-age");
            assertTrue(texts.contains("Count withheld by at least one site (small cell)"), texts.toString());
            // The range is mean \u00b1 3 SD (extremes withheld), pretty() to 5-40; the one mother aged 45 is above it, at
            // one site, which suppressed that count of 1.
            assertEquals(1, histogram.path("suppressed_above").asInt(), histogram.toString());
            assertTrue(texts.contains("Bins include their upper edge, as R's hist(); rows above 40 (a count withheld at 1 site) "
                    + "lie outside the bins."), texts.toString());
            BufferedImage image = ImageIO.read(plots.resolve("histogram-age.png").toFile());
            assertTrue(pixels(image, SUPPRESSED_GREY) > 10_000, "no grey band drawn for the withheld bins");
        }
    }

    private static int pixels(BufferedImage image, int argb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += image.getRGB(x, y) == argb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void histogramFileNamesAreSafeAndDistinct() {
        Set<String> taken = new HashSet<>();
        assertEquals("histogram-wt.loss", ResultPlots.fileName("histogram-wt.loss", taken));
        assertEquals("histogram-weight__kg_", ResultPlots.fileName("histogram-weight (kg)", taken));
        assertEquals("histogram-weight__kg_-2", ResultPlots.fileName("histogram-weight [kg]", taken));
        assertEquals("histogram-WT.LOSS-2", ResultPlots.fileName("histogram-WT.LOSS", taken), "case-insensitive folders");
    }

    @Test
    void summaryHelpListsThePlotOption() {
        assertTrue(CliRun.of("simulate", "summary", "--help").out().contains("--plot=DIR"));
        assertTrue(CliRun.of("run", "summary", "--help").out().contains("--plot=DIR"));
    }
}
