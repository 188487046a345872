package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.plot.KaplanMeierPlot;
import org.medfed.plot.PlotFiles;

/**
 * {@code simulate km} and {@code simulate logrank} on the lung fixture: R's print(survfit) and
 * survdiff numbers in the text, the JSON contract, and {@code --plot} drawing the Kaplan–Meier
 * curves with the numbers-at-risk table; usage errors exit 2.
 */
class CliKmTest {
    /** The shared reference's cox-lung split, as medfed-runtime's tests hold it. */
    private static final Path LUNG = Path.of("..", "medfed-runtime", "src", "test", "resources", "reference", "cox-lung");

    @TempDir
    Path dir;

    private static List<String> lung(String method, String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", method, "--time", "time", "--event", "status"));
        for (int i = 1; i <= 3; i++) {
            args.addAll(List.of("--site", "site" + i + "=" + LUNG.resolve("site" + i + ".csv")));
        }
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void simulateKmPrintsSurvfitsTableAndDrawsTheCurves() throws Exception {
        CliRun text = CliRun.of(lung("km", "--group", "sex", "--levels", "sex=male,female").toArray(String[]::new));
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("sex=male   137    111    270     218     320"), text.out());
        assertTrue(text.out().contains("sex=female  90     53    426     348     550"), text.out());

        Path plots = dir.resolve("plots");
        CliRun run = CliRun.of(lung("km", "--group", "sex", "--levels", "sex=male,female", "--json", "--plot",
                plots.toString()).toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("km", json.path("method").asText());
        for (String key : List.of("stratum", "time", "n_risk", "n_event", "n_censor", "surv", "std_err", "conf_low",
                "conf_high", "median")) {
            assertTrue(json.path("strata").get(0).has(key), key);
        }
        Path png = plots.resolve("km.png");
        assertTrue(Files.exists(png) && Files.exists(plots.resolve("km.svg")), run.err());
        KaplanMeierPlot expected = ResultPlots.kaplanMeier(json);
        assertEquals(2, expected.curves().size());
        assertEquals(137, expected.curves().get(0).atRisk(0));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(expected.height() * PlotFiles.PNG_SCALE, image.getHeight());
        String svg = Files.readString(plots.resolve("km.svg"));
        assertTrue(svg.contains("Number at risk") && svg.contains("sex=female"), "at-risk table missing");
    }

    @Test
    void simulateLogrankPrintsSurvdiff() {
        CliRun run = CliRun.of(lung("logrank", "--group", "sex", "--levels", "sex=male,female").toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Chisq= 10  on 1 degrees of freedom, p= 0.002"), run.out());
        // As R 4.2.2 prints survdiff(Surv(time, status) ~ sex) on the pooled rows.
        assertTrue(run.out().contains("sex=male   137      111       91      4.42        10\n"
                + "sex=female  90       53       73      5.50        10"), run.out());
    }

    @Test
    void logrankWithoutAGroupIsAUsageError() {
        CliRun run = CliRun.of(lung("logrank").toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--group"), run.err());
    }
}
