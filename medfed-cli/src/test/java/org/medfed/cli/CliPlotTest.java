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
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.plot.ForestPlot;
import org.medfed.plot.PlotFiles;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * {@code --plot DIR} on {@code simulate glm}: the forest plot's files, what they show for the
 * birthwt fixture (the demo's site files are the shared reference's glm-logistic-birthwt split),
 * and a folder that cannot be written.
 */
class CliPlotTest {
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
}
