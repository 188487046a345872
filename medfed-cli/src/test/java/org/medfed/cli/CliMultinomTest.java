package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code simulate multinom}: the exact MLE on the birthwt race fixture, summary(multinom)-like text, usage errors. */
class CliMultinomTest {
    /** The shared reference's multinomial case, as medfed-runtime's tests hold it (tests run in the module's folder). */
    private static final Path CASE = Path.of("..", "medfed-runtime", "src", "test", "resources", "reference",
            "multinom-birthwt-race");

    private static String[] birthwt(String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", "multinom", "--formula", "race ~ age + lwt + smoke",
                "--levels", "race=white,black,other"));
        for (int i = 1; i <= 3; i++) {
            args.addAll(List.of("--site", "site" + i + "=" + CASE.resolve("site" + i + ".csv")));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void jsonHasTheExactMleRowsPerLevel() throws Exception {
        CliRun run = CliRun.of(birthwt("--json"));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode exact = new ObjectMapper().readTree(CASE.resolve("expected.json").toFile())
                .path("analyses").path("multinom").path("exact_mle");
        assertEquals("white", json.path("reference_level").asText());
        assertEquals(8, json.path("coefficients").size());
        for (int i = 0; i < 8; i++) {
            JsonNode e = exact.path("coefficients").get(i);
            JsonNode a = json.path("coefficients").get(i);
            assertEquals(e.path("y_level").asText(), a.path("y_level").asText());
            assertEquals(e.path("term").asText(), a.path("term").asText());
            double want = e.path("estimate").asDouble();
            double got = a.path("estimate").asDouble();
            assertTrue(Math.abs(got - want) <= 1e-8 * Math.abs(want), a.path("term").asText() + ": " + got + " vs " + want);
        }
        double deviance = json.path("fit").path("deviance").asDouble();
        assertTrue(Math.abs(deviance - exact.path("deviance").asDouble()) <= 1e-9, "deviance " + deviance);
    }

    @Test
    void textIsLikeSummaryMultinom() {
        CliRun run = CliRun.of(birthwt());
        assertEquals(0, run.exitCode(), run.err());
        // R 4.2.2 / nnet 7.3-18 prints (summary(fit)): "Residual Deviance: 319.5179" and "AIC: 335.5179".
        for (String line : List.of("Coefficients:", "Std. Errors:", "Residual Deviance: 319.5179 ", "AIC: 335.5179 ",
                "Reference level: white")) {
            assertTrue(run.out().contains(line), "no '" + line + "' in\n" + run.out());
        }
    }

    @Test
    void anAbsentReferenceIsRefusedWithItsName() {
        CliRun run = CliRun.of(birthwt("--reference", "asian"));
        assertTrue(run.exitCode() != 0, run.out());
        assertTrue(run.err().contains("reference level 'asian' of race has no rows at any site"), run.err());
        CliRun bad = CliRun.of(birthwt("--conf-level", "2"));
        assertEquals(2, bad.exitCode(), bad.err());
    }
}
