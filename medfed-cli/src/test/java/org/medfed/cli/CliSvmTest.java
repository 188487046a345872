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

/**
 * {@code simulate svm}: the JSON contract (coefficients, objective and its parts, accuracy from
 * summed counts, ADMM rounds and residuals, where the fit started, the privacy notes), the text
 * table, an online update through {@code --warm-start}, and usage and data errors.
 */
class CliSvmTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CASE = Path.of("..", "medfed-runtime", "src", "test", "resources", "reference",
            "glm-logistic-birthwt");

    @TempDir
    Path dir;

    private static List<String> birthwt(String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", "svm", "--formula",
                "low ~ age + lwt + race + smoke + ptl + ht + ui + ftv", "--levels", "race=white,black,other"));
        for (int i = 1; i <= 3; i++) {
            args.addAll(List.of("--site", "site" + i + "=" + CASE.resolve("site" + i + ".csv")));
        }
        args.addAll(List.of(more));
        return args;
    }

    private static JsonNode json(CliRun run) throws Exception {
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out());
    }

    @Test
    void jsonCarriesTheFit() throws Exception {
        JsonNode json = json(CliRun.of(birthwt("--C", "0.5", "--accuracy", "--json").toArray(String[]::new)));
        assertEquals("svm", json.path("method").asText());
        assertEquals(0.5, json.path("cost").asDouble());
        assertEquals(1.0, json.path("bias").asDouble());
        assertEquals("0", json.path("classes").path("negative").asText());
        assertEquals("1", json.path("classes").path("positive").asText());
        assertTrue(json.path("converged").asBoolean());
        assertEquals(189, json.path("n").asInt());
        List<String> terms = new ArrayList<>();
        json.path("coefficients").forEach(c -> terms.add(c.path("term").asText()));
        assertEquals(List.of("(Intercept)", "age", "lwt", "raceblack", "raceother", "smoke", "ptl", "ht", "ui", "ftv"), terms);
        // The intercept is the bias weight times B = 1; the other estimates are liblinear's weights.
        for (int j = 0; j < terms.size(); j++) {
            assertEquals(json.path("weights").get(j).asDouble(), json.path("coefficients").get(j).path("estimate").asDouble(), 1e-15);
        }
        double penalty = 0;
        for (JsonNode w : json.path("weights")) {
            penalty += 0.5 * w.asDouble() * w.asDouble();
        }
        assertEquals(penalty, json.path("penalty").asDouble(), 1e-12 * penalty);
        assertEquals(json.path("penalty").asDouble() + 0.5 * json.path("hinge_loss").asDouble(),
                json.path("objective").asDouble(), 1e-12 * json.path("objective").asDouble());
        JsonNode accuracy = json.path("accuracy");
        assertEquals(189, accuracy.path("total").asInt());
        assertEquals(accuracy.path("correct").asDouble() / 189, accuracy.path("rate").asDouble(), 1e-15);
        assertTrue(accuracy.path("correct").asInt() > 189 / 2);
        assertTrue(json.path("iterations").asInt() > 1);
        assertEquals(json.path("iterations").asInt(), json.path("admm").path("iterations").asInt());
        assertTrue(json.path("admm").path("standardized").asBoolean());
        assertEquals("cold", json.path("start").path("from").asText());
        String notes = json.path("privacy").path("notes").toString();
        assertTrue(notes.contains("support-vector counts per site are not released"), notes);
        String released = json.path("privacy").path("released").toString();
        assertTrue(released.contains("admm.x_plus_u") && released.contains("hinge_sum") && released.contains("correct"), released);
        assertTrue(!released.contains("alpha") && !released.contains("support"), released);
    }

    @Test
    void textShowsTheTable() {
        CliRun run = CliRun.of(birthwt("--C", "1", "--accuracy").toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        for (String s : List.of("Linear SVM", "C = 1, bias feature B = 1 (regularized)", "+1 = 1, -1 = 0", "raceblack",
                "Objective:", "Training accuracy:", "ADMM rounds (cold start)", "site1 76 rows, site2 66 rows, site3 47 rows; total 189")) {
            assertTrue(run.out().contains(s), "no '" + s + "' in\n" + run.out());
        }
    }

    @Test
    void warmStartFromAnEarlierFitOfFewerRows() throws Exception {
        Path first = dir.resolve("first.json");
        JsonNode before = json(CliRun.of(birthwt("--C", "1", "--where", "lwt > 95", "--json", "--out", first.toString())
                .toArray(String[]::new)));
        assertTrue(before.path("n").asInt() < 189);
        JsonNode cold = json(CliRun.of(birthwt("--C", "1", "--json").toArray(String[]::new)));
        JsonNode warm = json(CliRun.of(birthwt("--C", "1", "--warm-start", first.toString(), "--json").toArray(String[]::new)));
        assertEquals("warm", warm.path("start").path("from").asText());
        assertEquals(first.toString(), warm.path("start").path("source").asText());
        assertEquals(before.path("iterations").asInt(), warm.path("start").path("previous_iterations").asInt());
        assertEquals(189, warm.path("n").asInt());
        assertEquals(cold.path("objective").asDouble(), warm.path("objective").asDouble(), 1e-4 * cold.path("objective").asDouble());
        CliRun text = CliRun.of(birthwt("--C", "1", "--warm-start", first.toString()).toArray(String[]::new));
        assertTrue(text.out().contains("(warm start from " + first + ", which took " + before.path("iterations").asInt() + ")"),
                text.out());
    }

    @Test
    void usageErrors() throws Exception {
        CliRun noCost = CliRun.of(birthwt().toArray(String[]::new));
        assertEquals(2, noCost.exitCode(), noCost.err());
        assertTrue(noCost.err().contains("--C"), noCost.err());
        CliRun zero = CliRun.of(birthwt("--C", "0").toArray(String[]::new));
        assertEquals(2, zero.exitCode(), zero.err());
        assertTrue(zero.err().contains("--C must be a positive number"), zero.err());
        CliRun bias = CliRun.of(birthwt("--C", "1", "--bias", "-1").toArray(String[]::new));
        assertEquals(2, bias.exitCode(), bias.err());
        assertTrue(bias.err().contains("--bias must be a positive number"), bias.err());
        CliRun positive = CliRun.of(birthwt("--C", "1", "--positive", "yes").toArray(String[]::new));
        assertTrue(positive.exitCode() != 0);
        assertTrue(positive.err().contains("positive level 'yes'"), positive.err());
        // A warm start must be an svm result of the same formula and terms.
        Path glm = dir.resolve("glm.json");
        Files.writeString(glm, "{\"method\": \"glm\", \"formula\": \"low ~ age\", \"coefficients\": []}");
        CliRun notSvm = CliRun.of(birthwt("--C", "1", "--warm-start", glm.toString()).toArray(String[]::new));
        assertEquals(2, notSvm.exitCode(), notSvm.err());
        assertTrue(notSvm.err().contains("not an svm result"), notSvm.err());
        Path small = dir.resolve("small.json");
        CliRun fewer = CliRun.of(birthwt("--C", "1", "--json", "--out", small.toString()).toArray(String[]::new));
        assertEquals(0, fewer.exitCode(), fewer.err());
        List<String> other = birthwt("--C", "1", "--warm-start", small.toString());
        other.set(other.indexOf("low ~ age + lwt + race + smoke + ptl + ht + ui + ftv"), "low ~ age + lwt");
        CliRun formula = CliRun.of(other.toArray(String[]::new));
        assertEquals(2, formula.exitCode(), formula.err());
        assertTrue(formula.err().contains("needs the same formula"), formula.err());
        List<String> reordered = birthwt("--C", "1", "--warm-start", small.toString());
        reordered.set(reordered.indexOf("race=white,black,other"), "race=white,other,black");
        CliRun terms = CliRun.of(reordered.toArray(String[]::new));
        assertTrue(terms.exitCode() != 0);
        assertTrue(terms.err().contains("this model's terms are"), terms.err());
    }

    @Test
    void andersonAccelerationReachesTheSameObjectiveAndDeclaresItsSums() throws Exception {
        JsonNode plain = json(CliRun.of(birthwt("--C", "1", "--json").toArray(String[]::new)));
        JsonNode fast = json(CliRun.of(birthwt("--C", "1", "--anderson", "5", "--json").toArray(String[]::new)));
        assertEquals(5, fast.path("options").path("anderson").asInt());
        assertEquals(0, plain.path("options").path("anderson").asInt(-1));
        assertEquals(plain.path("objective").asDouble(), fast.path("objective").asDouble(), 1e-6 * plain.path("objective").asDouble());
        assertTrue(fast.path("iterations").asInt() < plain.path("iterations").asInt(), fast.path("iterations") + " rounds");
        assertTrue(fast.path("privacy").path("released").toString().contains("admm.residual_gram"));
        assertTrue(!plain.path("privacy").path("released").toString().contains("admm.residual_gram"));
        assertTrue(fast.path("privacy").path("notes").toString().contains("with Anderson acceleration"));
        assertTrue(!plain.path("privacy").path("notes").toString().contains("Anderson"));
        CliRun tooMuch = CliRun.of(birthwt("--C", "1", "--anderson", "21").toArray(String[]::new));
        assertEquals(2, tooMuch.exitCode(), tooMuch.err());
        assertTrue(tooMuch.err().contains("Anderson memory must be between 0 (off) and 20, not 21"), tooMuch.err());
    }

    @Test
    void aGapToleranceReportsTheCertificateAndDeclaresItsSums() throws Exception {
        JsonNode plain = json(CliRun.of(birthwt("--C", "1", "--json").toArray(String[]::new)));
        assertTrue(plain.path("duality_gap").isMissingNode(), plain.toString());
        // Without --accuracy no count of correctly classified rows leaves a site.
        assertTrue(plain.path("accuracy").isMissingNode(), plain.toString());
        assertTrue(!plain.path("privacy").path("released").toString().contains("\"correct\""));
        assertEquals("residuals", plain.path("admm").path("stopped_by").asText());
        assertTrue(!plain.path("privacy").path("released").toString().contains("dual_sum"));
        JsonNode gap = json(CliRun.of(birthwt("--C", "1", "--gap-tolerance", "1e-6", "--json").toArray(String[]::new)));
        assertEquals("duality_gap", gap.path("admm").path("stopped_by").asText());
        assertEquals(1e-6, gap.path("options").path("gap_tolerance").asDouble());
        double relative = gap.path("duality_gap").path("relative").asDouble();
        assertTrue(relative > 0 && relative <= 1e-6, gap.path("duality_gap").toString());
        assertEquals(gap.path("objective").asDouble() - gap.path("duality_gap").path("dual_objective").asDouble(),
                gap.path("duality_gap").path("absolute").asDouble(), 1e-9);
        assertTrue(gap.path("iterations").asInt() < plain.path("iterations").asInt());
        // The objective is within the certified gap of the residual rule's (tighter) answer.
        assertTrue(gap.path("objective").asDouble() - plain.path("objective").asDouble()
                <= gap.path("duality_gap").path("absolute").asDouble() + 1e-12);
        String released = gap.path("privacy").path("released").toString();
        assertTrue(released.contains("dual_sum") && released.contains("dual_direction"), released);
        assertTrue(gap.path("privacy").path("notes").toString().contains("sum of the site's dual variables"));
        CliRun text = CliRun.of(birthwt("--C", "1", "--gap-tolerance", "1e-6").toArray(String[]::new));
        assertTrue(text.out().contains("Duality gap: ") && text.out().contains("Converged (duality gap within 0.000001)"),
                text.out());
        CliRun bad = CliRun.of(birthwt("--C", "1", "--gap-tolerance", "2").toArray(String[]::new));
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--gap-tolerance") && bad.err().contains("[0, 1)"), bad.err());
    }

    @Test
    void anOutcomeWithThreeLevelsIsRefusedNamingTheLine() throws Exception {
        Path bad = dir.resolve("bad.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(CASE.resolve("site2.csv")));
        lines.set(3, lines.get(3).replaceFirst("^[01],", "2,"));
        Files.write(bad, lines);
        List<String> args = birthwt("--C", "1");
        args.set(args.indexOf("site2=" + CASE.resolve("site2.csv")), "site2=" + bad);
        CliRun outcome = CliRun.of(args.toArray(String[]::new));
        assertTrue(outcome.exitCode() != 0, outcome.out());
        String err = outcome.err();
        assertTrue(err.contains("binary outcome") && err.contains("site2") && err.contains("line 4") && err.contains("low")
                && err.contains("'2'"), err);
        assertTrue(!err.contains("\tat org."), "no stack trace: " + err);
    }
}
