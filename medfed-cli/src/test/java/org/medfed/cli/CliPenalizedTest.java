package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.site.ReleasePolicy;

/**
 * {@code simulate|run lasso|elasticnet|admm-logistic} on the lasso-logistic-birthwt fixture: the
 * JSON's {@code solutions[]} carry glmnet's exact optima (within 1e-6), the text shows the path
 * and the coefficient table, run prints what simulate prints, and bad input gets a message.
 */
class CliPenalizedTest {
    private static final Path CASE = Path.of("..", "medfed-runtime", "src", "test", "resources", "reference",
            "lasso-logistic-birthwt");
    private static final String FORMULA = "low ~ age + lwt + race_black + race_other + smoke + ptl + ht + ui + ftv";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> sites() {
        List<String> args = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            args.addAll(List.of("--site", "site" + i + "=" + CASE.resolve("site" + i + ".csv")));
        }
        return args;
    }

    private static List<String> simulate(String method, String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", method, "--formula", FORMULA));
        args.addAll(List.of(more));
        args.addAll(sites());
        return args;
    }

    private static List<String> withFormula(String formula, String method, String... more) {
        List<String> args = simulate(method, more);
        args.set(args.indexOf(FORMULA), formula);
        return args;
    }

    private static JsonNode expected(String analysis) throws Exception {
        return JSON.readTree(CASE.resolve("expected.json").toFile()).path("analyses").path(analysis).path("solutions");
    }

    /** Every solution of the JSON against the fixture's exact optima, in the fixture's (decreasing) order. */
    private static void checkSolutions(JsonNode json, JsonNode expected, double alpha) {
        assertEquals(expected.size(), json.path("solutions").size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode s = json.path("solutions").get(i);
            JsonNode e = expected.get(i);
            assertEquals(e.path("lambda").asDouble(), s.path("lambda").asDouble());
            assertEquals(alpha, s.path("alpha").asDouble());
            assertTrue(s.path("converged").asBoolean());
            assertTrue(s.path("iterations").asInt() > 1);
            assertEquals(e.path("exact").path("objective").asDouble(), s.path("objective").asDouble(), 1e-10);
            int nonzero = 0;
            for (int j = 0; j < e.path("terms").size(); j++) {
                JsonNode c = s.path("coefficients").get(j);
                assertEquals(e.path("terms").get(j).asText(), c.path("term").asText());
                double exact = e.path("exact").path("estimate").get(j).asDouble();
                assertEquals(exact, c.path("estimate").asDouble(), 1e-6, c.path("term").asText());
                if (exact == 0) {
                    assertEquals(0.0, c.path("estimate").asDouble(), c.path("term").asText() + " exactly zero");
                }
                if (j > 0 && exact != 0) {
                    nonzero++;
                }
            }
            assertEquals(nonzero, s.path("df").asInt());
        }
    }

    @Test
    void lassoPathJsonAndText() throws Exception {
        CliRun run = CliRun.of(simulate("lasso", "--family", "binomial", "--lambda", "0.008,0.05,0.02", "--json")
                .toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        assertEquals("lasso", json.path("method").asText());
        assertEquals("binomial", json.path("family").asText());
        assertEquals(FORMULA, json.path("formula").asText());
        assertEquals(189, json.path("n").asInt());
        assertEquals(3, json.path("sites").size());
        assertTrue(json.path("privacy").path("released").toString().contains("admm.x_plus_u"));
        checkSolutions(json, expected("lasso"), 1);

        CliRun text = CliRun.of(simulate("lasso", "--family", "binomial", "--lambda", "0.05,0.02").toArray(String[]::new));
        assertEquals(0, text.exitCode(), text.err());
        for (String s : List.of("Penalized binomial regression, lasso (alpha = 1), by consensus ADMM", "Lambda", "%Dev",
                "Coefficients (. = exactly zero):", "lambda=0.05", "race_black", "site1 76 rows, site2 66 rows, site3 47 rows")) {
            assertTrue(text.out().contains(s), "no '" + s + "' in\n" + text.out());
        }
    }

    @Test
    void elasticNetAndRidge() throws Exception {
        CliRun enet = CliRun.of(simulate("elasticnet", "--family", "binomial", "--alpha", "0.5", "--lambda", "0.02", "--json")
                .toArray(String[]::new));
        assertEquals(0, enet.exitCode(), enet.err());
        checkSolutions(JSON.readTree(enet.out()), expected("elastic_net_alpha_0.5"), 0.5);
        CliRun ridge = CliRun.of(simulate("admm-logistic", "--lambda", "0.05", "--json").toArray(String[]::new));
        assertEquals(0, ridge.exitCode(), ridge.err());
        JsonNode json = JSON.readTree(ridge.out());
        assertEquals("admm-logistic", json.path("method").asText());
        checkSolutions(json, expected("ridge_alpha_0"), 0);
    }

    /**
     * "- 1" fits without an intercept (glmnet's intercept = FALSE): no (Intercept) row in the text or
     * JSON, the objective says so, and the coefficients are glmnet's exact optimum
     * ({@code r-checks/glmnet-no-intercept.R}, fit birthwt_lasso) within 1e-6.
     */
    @Test
    void withoutAnIntercept() throws Exception {
        String formula = FORMULA + " - 1";
        CliRun text = CliRun.of(withFormula(formula, "lasso", "--family", "binomial", "--lambda", "0.01,0.002")
                .toArray(String[]::new));
        assertEquals(0, text.exitCode(), text.err());
        assertFalse(text.out().contains("(Intercept)"), text.out());
        for (String s : List.of("Formula: " + formula, "no intercept", "lambda=0.002", "race_black")) {
            assertTrue(text.out().contains(s), "no '" + s + "' in\n" + text.out());
        }
        CliRun run = CliRun.of(withFormula(formula, "lasso", "--family", "binomial", "--lambda", "0.01,0.002", "--json")
                .toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JSON.readTree(run.out());
        JsonNode r = JSON.readTree(Path.of("..", "medfed-runtime", "src", "test", "resources", "r-checks",
                "glmnet-no-intercept.json").toFile()).path("birthwt_lasso");
        assertEquals(2, json.path("solutions").size());
        for (int i = 0; i < 2; i++) {
            JsonNode ours = json.path("solutions").get(i);
            JsonNode theirs = r.path("solutions").get(i + 1);
            assertEquals(theirs.path("lambda").asDouble(), ours.path("lambda").asDouble());
            JsonNode coefficients = ours.path("coefficients");
            assertEquals(r.path("terms").size(), coefficients.size());
            for (int j = 0; j < coefficients.size(); j++) {
                assertEquals(r.path("terms").get(j).asText(), coefficients.get(j).path("term").asText());
                double exact = theirs.path("exact").get(j).asDouble();
                assertEquals(exact, coefficients.get(j).path("estimate").asDouble(), 1e-6 * Math.max(1, Math.abs(exact)),
                        "lambda " + ours.path("lambda") + " " + r.path("terms").get(j));
            }
        }
    }

    @Test
    void badInputGetsAMessage() throws Exception {
        record Case(List<String> args, int exit, String message) {
        }
        List<Case> cases = List.of(
                new Case(simulate("elasticnet", "--alpha", "1.5", "--lambda", "0.1"), 2, "--alpha must be between 0 and 1"),
                new Case(simulate("lasso", "--lambda", "0.1,-0.2"), 2, "--lambda values must be non-negative"),
                new Case(simulate("lasso", "--nlambda", "0"), 2, "--nlambda must be at least 1"),
                new Case(simulate("lasso", "--lambda-min-ratio", "1.5"), 2, "--lambda-min-ratio must be in (0, 1)"),
                new Case(simulate("lasso", "--lambda", "abc"), 2, "--lambda"),
                new Case(simulate("lasso", "--family", "poisson", "--lambda", "0.1"), 2, "family must be gaussian or binomial"),
                new Case(simulate("lasso", "--lambda", "0.1", "--relaxation", "2"), 2, "--relaxation must be in (0, 2)"));
        for (Case c : cases) {
            CliRun run = CliRun.of(c.args().toArray(String[]::new));
            assertEquals(c.exit(), run.exitCode(), c.args() + ": " + run.err());
            assertTrue(run.err().contains(c.message()), c.args() + ": " + run.err());
            assertFalse(run.err().contains("\tat org."), "no stack trace: " + run.err());
        }
        Path bad = dir.resolve("bad.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(CASE.resolve("site2.csv")));
        lines.set(3, lines.get(3).replaceFirst("^[01],", "2,"));
        Files.write(bad, lines);
        List<String> args = simulate("lasso", "--family", "binomial", "--lambda", "0.1");
        args.set(args.indexOf("site2=" + CASE.resolve("site2.csv")), "site2=" + bad);
        CliRun outcome = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, outcome.exitCode(), outcome.out());
        assertTrue(outcome.err().contains("0/1 outcome") && outcome.err().contains("site2") && outcome.err().contains("low"),
                outcome.err());
        assertFalse(outcome.err().contains("\tat org."), "no stack trace: " + outcome.err());
    }

    @Test
    void runPrintsWhatSimulatePrints() throws Exception {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        for (int i = 1; i <= 3; i++) {
            b.site("site" + i, "birthwt", CASE.resolve("site" + i + ".csv")).policy("site" + i, ReleasePolicy.defaults());
        }
        try (LoopbackConsortium consortium = b.secureAggregation(false).start()) {
            Path pki = consortium.pki();
            List<String> job = List.of("elasticnet", "--formula", FORMULA, "--family", "binomial", "--alpha", "0.5",
                    "--lambda", "0.05,0.02");
            List<String> run = new ArrayList<>(List.of("run"));
            run.addAll(job);
            run.addAll(List.of("--dataset", "birthwt", "--hub", "127.0.0.1:" + consortium.hub().port(),
                    "--ca", pki.resolve("ca.pem").toString(), "--cert", pki.resolve("analyst.pem").toString(),
                    "--key", pki.resolve("analyst.key").toString()));
            CliRun deployed = CliRun.of(run.toArray(String[]::new));
            List<String> simulate = new ArrayList<>(List.of("simulate"));
            simulate.addAll(job);
            simulate.addAll(sites());
            CliRun simulated = CliRun.of(simulate.toArray(String[]::new));
            assertEquals(0, deployed.exitCode(), deployed.err());
            assertEquals(0, simulated.exitCode(), simulated.err());
            assertEquals(simulated.out(), deployed.out());
        }
    }
}
