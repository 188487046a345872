package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.plot.ForestPlot;

/** {@code simulate cox}: R's numbers on the lung fixture, the hazard-ratio forest plot, usage errors. */
class CliCoxTest {
    /** The shared reference's Cox cases, as medfed-runtime's tests hold them (tests run in the module's folder). */
    private static final Path REFERENCE = Path.of("..", "medfed-runtime", "src", "test", "resources", "reference");

    @TempDir
    Path dir;

    private static List<String> lung(String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", "cox", "--formula", "Surv(time, status) ~ age + sex + ph.ecog",
                "--levels", "sex=male,female"));
        for (int i = 1; i <= 3; i++) {
            args.addAll(List.of("--site", "site" + i + "=" + REFERENCE.resolve("cox-lung").resolve("site" + i + ".csv")));
        }
        args.addAll(List.of(more));
        return args;
    }

    private static JsonNode expected(String analysis) throws Exception {
        return new ObjectMapper().readTree(REFERENCE.resolve("cox-lung").resolve("expected.json").toFile())
                .path("analyses").path(analysis);
    }

    @Test
    void simulateCoxPrintsRsFitAndDrawsHazardRatios() throws Exception {
        Path plots = dir.resolve("plots");
        CliRun run = CliRun.of(lung("--ties", "breslow", "--json", "--plot", plots.toString()).toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode expected = expected("cox_breslow");
        for (int i = 0; i < 3; i++) {
            double e = expected.path("coefficients").get(i).path("estimate").asDouble();
            double a = json.path("coefficients").get(i).path("estimate").asDouble();
            assertTrue(Math.abs(a - e) <= 1e-6 * Math.abs(e), "estimate " + i + ": " + a + " vs " + e);
        }
        assertEquals(expected.path("iterations").asInt(), json.path("iterations").asInt());
        assertTrue(Files.exists(plots.resolve("forest.png")) && Files.exists(plots.resolve("forest.svg")));
        ForestPlot forest = ResultPlots.forest(json);
        assertEquals(ForestPlot.Scale.EXPONENTIATED, forest.scale());
        assertEquals(List.of("age", "sexfemale", "ph.ecog"), forest.terms());
        assertTrue(forest.title().startsWith("Hazard ratios"), forest.title());
    }

    @Test
    void textIsSummaryCoxph() {
        CliRun run = CliRun.of(lung().toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        // R 4.2.2, summary(coxph(Surv(time, status) ~ age + sex + ph.ecog, data = d)) on the pooled rows.
        for (String line : List.of("  n= 227, number of events= 164 ",
                "sexfemale -0.552612  0.575445 0.167739 -3.294 0.000986 ***",
                "sexfemale    0.5754     1.7378    0.4142    0.7994",
                "Wald test            = 29.93  on 3 df,   p=1e-06")) {
            assertTrue(run.out().contains(line), "no '" + line + "' in\n" + run.out());
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun ties = CliRun.of(lung("--ties", "exact").toArray(String[]::new));
        assertEquals(2, ties.exitCode(), ties.err());
        assertTrue(ties.err().contains("efron or breslow"), ties.err());
        List<String> noSurv = lung();
        noSurv.set(3, "time ~ age");
        CliRun formula = CliRun.of(noSurv.toArray(String[]::new));
        assertEquals(2, formula.exitCode(), formula.err());
        assertTrue(formula.err().contains("Surv(time, status)"), formula.err());
    }

    @Test
    void helpListsTheCoxOptions() {
        CliRun run = CliRun.of("simulate", "cox", "--help");
        assertEquals(0, run.exitCode());
        for (String option : List.of("--formula", "--ties", "--stratify-by-site", "--plot", "--levels")) {
            assertTrue(run.out().contains(option), option);
        }
    }
}
