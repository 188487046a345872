package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.plot.ForestPlot;
import org.medfed.plot.LoadingsPlot;
import org.medfed.plot.ScreePlot;
import org.medfed.site.ReleasePolicy;
import org.w3c.dom.NodeList;

/**
 * {@code --plot DIR} on pca (scree and loadings plots), multinom (a forest plot per non-reference
 * level) and bayes-logistic (posterior means with credible intervals): the files, the numbers they
 * are drawn from (the result's JSON) and the words on them; and {@code run multinom --plot} on a
 * hub's sites draws what {@code simulate multinom --plot} draws.
 */
class CliMethodPlotsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path demo(int i) throws IOException {
        Path p = dir.resolve("site" + i + ".csv");
        if (!Files.exists(p)) {
            try (InputStream in = getClass().getResourceAsStream("/demo/site" + i + ".csv")) {
                Files.copy(in, p);
            }
        }
        return p;
    }

    private CliRun simulate(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("simulate"));
        all.addAll(List.of(args));
        for (int i = 1; i <= 3; i++) {
            all.addAll(List.of("--site", "s" + i + "=" + demo(i)));
        }
        all.add("--json");
        return CliRun.of(all.toArray(String[]::new));
    }

    private static List<String> texts(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        NodeList nodes = factory.newDocumentBuilder().parse(svg.toFile()).getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertShows(List<String> texts, String... expected) {
        for (String s : expected) {
            assertTrue(texts.stream().anyMatch(t -> t.contains(s)), "no '" + s + "' in " + texts);
        }
    }

    @Test
    void pcaDrawsTheScreePlotAndTheLoadingsOfTheFirstTwoComponents() throws Exception {
        Path plots = dir.resolve("pca");
        CliRun run = simulate("pca", "--columns", "age,lwt,ptl,ftv", "--scale", "--plot", plots.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        assertEquals(List.of("loadings.png", "loadings.svg", "scree.png", "scree.svg"), files(plots));
        assertTrue(run.err().contains("scree plot of the components: " + plots.resolve("scree.png")), run.err());

        ScreePlot scree = ResultPlots.scree(json);
        assertEquals(List.of("PC1", "PC2", "PC3", "PC4"), scree.components());
        List<String> screeTexts = texts(plots.resolve("scree.svg"));
        assertShows(screeTexts, "Variance explained by each component", "age, lwt, ptl, ftv \u00b7 n = 189 at 3 sites",
                "Components of the correlation matrix (columns scaled to unit variance).");
        for (int j = 0; j < 4; j++) {
            double share = json.path("proportion_of_variance").get(j).asDouble();
            assertEquals(share, scree.proportion().get(j), 0);
            assertShows(screeTexts, String.format(Locale.ROOT, "%.1f%%", 100 * share));
        }

        LoadingsPlot loadings = ResultPlots.loadings(json);
        JsonNode matrix = json.path("loadings").path("matrix");
        for (int i = 0; i < 4; i++) {
            assertEquals(matrix.get(i).get(0).asDouble(), loadings.x().get(i), 0);
            assertEquals(matrix.get(i).get(1).asDouble(), loadings.y().get(i), 0);
        }
        List<String> loadingTexts = texts(plots.resolve("loadings.svg"));
        assertShows(loadingTexts, "Loadings on PC1 and PC2", "age", "lwt", "ptl", "ftv",
                String.format(Locale.ROOT, "PC1 (%.1f%% of variance)", 100 * json.path("proportion_of_variance").get(0).asDouble()),
                "largest |loading| is positive");

        // One reported component: the scree plot only, since a loadings plot needs two.
        Path one = dir.resolve("pca-k1");
        CliRun k1 = simulate("pca", "--columns", "age,lwt", "--k", "1", "--where", "smoke == 1", "--plot", one.toString());
        assertEquals(0, k1.exitCode(), k1.err());
        assertEquals(List.of("scree.png", "scree.svg"), files(one));
        assertNull(ResultPlots.loadings(JSON.readTree(k1.out())));
        assertShows(texts(one.resolve("scree.svg")), "where smoke == 1", "Components of the covariance matrix");
    }

    @Test
    void multinomDrawsOneForestPlotPerNonReferenceLevel() throws Exception {
        Path plots = dir.resolve("multinom");
        CliRun run = simulate("multinom", "--formula", "race ~ age + lwt + smoke", "--levels", "race=white,black,other",
                "--plot", plots.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        assertEquals(List.of("forest-black.png", "forest-black.svg", "forest-other.png", "forest-other.svg"), files(plots));
        List<ResultPlots.LevelForest> forests = ResultPlots.multinomForests(json);
        assertEquals(List.of("black", "other"), forests.stream().map(ResultPlots.LevelForest::level).toList());
        for (ResultPlots.LevelForest f : forests) {
            ForestPlot plot = f.plot();
            assertEquals(ForestPlot.Scale.EXPONENTIATED, plot.scale());
            assertEquals(List.of("age", "lwt", "smoke"), plot.terms(), "the level's terms, without the intercept");
            int t = 0;
            for (JsonNode c : json.path("coefficients")) {
                if (c.path("y_level").asText().equals(f.level()) && !c.path("term").asText().equals("(Intercept)")) {
                    assertEquals(c.path("estimate").asDouble(), plot.estimate().get(t), 0);
                    assertEquals(c.path("conf_low").asDouble(), plot.confLow().get(t), 0);
                    assertEquals(c.path("p_value").asDouble(), plot.pValue().get(t), 0);
                    t++;
                }
            }
            assertEquals(3, t);
            assertShows(texts(plots.resolve("forest-" + f.level() + ".svg")),
                    "Odds ratios: " + f.level() + " vs white (outcome: race)", "Odds ratio (95% CI)", "p-value",
                    "race ~ age + lwt + smoke \u00b7 n = 189 at 3 sites", "odds of " + f.level() + " vs white (reference)");
            assertFalse(texts(plots.resolve("forest-" + f.level() + ".svg")).stream().anyMatch(s -> s.contains("\u2026")),
                    "nothing is cut");
        }
    }

    @Test
    void bayesLogisticDrawsThePosteriorMeansWithCredibleIntervals() throws Exception {
        Path plots = dir.resolve("bayes");
        CliRun run = simulate("bayes-logistic", "--formula", "low ~ age + lwt + smoke", "--prior-sd", "1",
                "--cred-level", "0.9", "--plot", plots.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        assertEquals(List.of("forest.png", "forest.svg"), files(plots));
        ForestPlot plot = ResultPlots.posteriorForest(json);
        assertEquals(ForestPlot.Scale.LINEAR, plot.scale(), "posterior means on the log-odds scale they are computed on");
        assertEquals(List.of("age", "lwt", "smoke"), plot.terms());
        assertEquals(0.9, plot.confLevel(), 0);
        for (int t = 0; t < 3; t++) {
            JsonNode c = json.path("coefficients").get(t + 1);
            assertEquals(c.path("estimate").asDouble(), plot.estimate().get(t), 0);
            assertEquals(c.path("conf_high").asDouble(), plot.confHigh().get(t), 0);
        }
        assertNull(plot.pValue());
        List<String> texts = texts(plots.resolve("forest.svg"));
        assertShows(texts, "Posterior log odds ratios (outcome: low)", "Log odds ratio (90% CrI)", "prior N(0, 1\u00b2)",
                "central 90% credible intervals");
        assertFalse(texts.contains("p-value"), texts.toString());
        assertFalse(texts.stream().anyMatch(t -> t.contains("Wald")), texts.toString());
    }

    @Test
    void runMultinomOnAHubDrawsWhatSimulateDraws() throws Exception {
        Path simulated = dir.resolve("simulated");
        List<String> job = List.of("multinom", "--formula", "race ~ age + smoke", "--levels", "race=white,black,other");
        List<String> sim = new ArrayList<>(job);
        sim.addAll(List.of("--plot", simulated.toString()));
        assertEquals(0, simulate(sim.toArray(String[]::new)).exitCode());
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        for (int i = 1; i <= 3; i++) {
            b.site("s" + i, "birthwt", demo(i)).policy("s" + i, ReleasePolicy.permissive());
        }
        try (LoopbackConsortium consortium = b.secureAggregation(false).start()) {
            Path pki = consortium.pki();
            Path deployed = dir.resolve("deployed");
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(job);
            args.addAll(List.of("--plot", deployed.toString(), "--dataset", "birthwt", "--hub",
                    "127.0.0.1:" + consortium.hub().port(), "--ca", pki.resolve("ca.pem").toString(), "--cert",
                    pki.resolve("analyst.pem").toString(), "--key", pki.resolve("analyst.key").toString()));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(files(simulated), files(deployed));
            for (String svg : List.of("forest-black.svg", "forest-other.svg")) {
                assertEquals(texts(simulated.resolve(svg)), texts(deployed.resolve(svg)), svg);
            }
        }
    }
}
