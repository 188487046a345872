package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.site.ReleasePolicy;

/** {@code simulate evaluate} and {@code run evaluate}: a stored glm result evaluated from the command line, and its errors. */
class CliStoredModelEvaluateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NAMES = {"hospital_a", "hospital_b", "hospital_c"};

    @TempDir
    Path dir;

    private Path[] demoFiles() throws IOException {
        Path[] files = new Path[3];
        for (int i = 0; i < 3; i++) {
            try (InputStream in = CliStoredModelEvaluateTest.class.getResourceAsStream("/demo/site" + (i + 1) + ".csv")) {
                files[i] = dir.resolve("site" + (i + 1) + ".csv");
                Files.copy(in, files[i]);
            }
        }
        return files;
    }

    private static List<String> sites(Path[] files) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            args.addAll(List.of("--site", NAMES[i] + "=" + files[i]));
        }
        return args;
    }

    private static CliRun run(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<String> glm(String family) {
        return List.of("--formula", DemoCommand.FORMULA, "--family", family, "--levels", "race=white,black,other");
    }

    /** {@code simulate glm ... --json} saved to a file, as an analyst would store a model. */
    private Path storedFit(Path[] files, String family, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("simulate", "glm"));
        args.addAll(sites(files));
        args.addAll(glm(family));
        args.add("--json");
        args.addAll(List.of(extra));
        CliRun fit = run(args);
        assertEquals(0, fit.exitCode(), fit.err());
        Path file = dir.resolve(family + ".json");
        Files.writeString(file, fit.out());
        return file;
    }

    private static CliRun evaluate(Path model, Path[] files, String... extra) {
        List<String> args = new ArrayList<>(List.of("simulate", "evaluate", "--model", model.toString()));
        args.addAll(sites(files));
        args.addAll(List.of(extra));
        return run(args);
    }

    @Test
    void simulateEvaluateOfAStoredFitEqualsItsOwnEvaluate() throws IOException {
        Path[] files = demoFiles();
        Path model = storedFit(files, "binomial", "--evaluate", "--where", "age >= 20");
        CliRun json = evaluate(model, files, "--json", "--where", "age >= 20");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode result = JSON.readTree(json.out());
        assertEquals(JSON.readTree(Files.readString(model)).path("evaluation"), result.path("evaluation"));
        assertEquals(DemoCommand.FORMULA, result.path("model").path("formula").asText());
        assertEquals("age >= 20", result.path("where").asText());
        CliRun text = evaluate(model, files, "--hl-groups", "8");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("Evaluation of a stored model (not refitted)"), text.out());
        assertTrue(text.out().contains("Hosmer-Lemeshow goodness of fit, 8 groups"), text.out());
    }

    @Test
    void aMissingFileAnotherFamilyOrAMissingColumnIsAClearError() throws IOException {
        Path[] files = demoFiles();
        CliRun none = evaluate(dir.resolve("nope.json"), files);
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(none.err().contains("nope.json: no such file"), none.err());

        CliRun gaussian = evaluate(storedFit(files, "gaussian"), files);
        assertEquals(2, gaussian.exitCode(), gaussian.err());
        assertTrue(gaussian.err().contains("a gaussian GLM cannot be evaluated"), gaussian.err());
        assertFalse(gaussian.err().contains("Exception"), gaussian.err());

        Path model = storedFit(files, "binomial");
        List<String> lines = Files.readAllLines(files[1]);
        List<String> header = List.of(lines.get(0).split(","));
        int ui = header.indexOf("ui");
        List<String> withoutUi = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(ui);
            withoutUi.add(String.join(",", cells));
        }
        Files.write(files[1], withoutUi);
        CliRun missing = evaluate(model, files);
        assertEquals(1, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("hospital_b") && missing.err().contains("'ui'"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
    }

    @Test
    void runEvaluateTakesAPastJobsModel() throws Exception {
        Path[] files = demoFiles();
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        for (int i = 0; i < 3; i++) {
            b.site(NAMES[i], "birthwt", files[i]);
            // The default policy, except evaluation_min_cell_count 1 (the evaluation's histograms need it).
            b.policy(NAMES[i], ReleasePolicy.defaults().withEvaluationMinCellCount(1));
        }
        try (LoopbackConsortium consortium = b.start()) {
            Path pki = consortium.pki();
            List<String> hub = List.of("--hub", "127.0.0.1:" + consortium.hub().port(), "--ca", pki.resolve("ca.pem").toString(),
                    "--cert", pki.resolve("analyst.pem").toString(), "--key", pki.resolve("analyst.key").toString());
            List<String> fitArgs = new ArrayList<>(List.of("run", "glm", "--dataset", "birthwt", "--json", "--evaluate"));
            fitArgs.addAll(glm("binomial"));
            fitArgs.addAll(hub);
            CliRun fit = run(fitArgs);
            assertEquals(0, fit.exitCode(), fit.err());
            JsonNode fitted = JSON.readTree(fit.out());
            String job = fitted.path("provenance").path("job").asText();
            assertFalse(job.isEmpty(), fit.out());

            List<String> args = new ArrayList<>(List.of("run", "evaluate", "--dataset", "birthwt", "--job", job, "--json"));
            args.addAll(hub);
            CliRun deployed = run(args);
            assertEquals(0, deployed.exitCode(), deployed.err());
            assertTrue(deployed.err().contains("(eval_hl_groups)"), deployed.err());
            JsonNode result = JSON.readTree(deployed.out());
            assertEquals(fitted.path("evaluation"), result.path("evaluation"));
            assertEquals("job " + job, result.path("model").path("source").asText());

            CliRun unknown = run(new ArrayList<>(List.of("run", "evaluate", "--dataset", "birthwt", "--job", "no-such-job")) {{
                addAll(hub);
            }});
            assertTrue(unknown.exitCode() != 0, unknown.err());
            assertFalse(unknown.err().contains("Exception"), unknown.err());
        }
    }
}
