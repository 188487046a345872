package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.privacy.dp.BudgetLimit;
import org.medfed.privacy.dp.PrivacyCost;

/** {@code --dp} on simulate commands, and {@code medfed site budget}. */
class CliDpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<String> withSites(String... head) throws IOException {
        List<String> args = new ArrayList<>(List.of(head));
        for (int i = 1; i <= 3; i++) {
            Path p = dir.resolve("site" + i + ".csv");
            if (!Files.exists(p)) {
                try (InputStream in = getClass().getResourceAsStream("/demo/site" + i + ".csv")) {
                    Files.copy(in, p);
                }
            }
            args.add("--site");
            args.add("s" + i + "=" + p);
        }
        return args;
    }

    private static CliRun cli(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void simulateWithDpSaysTheNumbersAreNoisedAndWhatWasSpent() throws IOException {
        CliRun text = cli(withSites("simulate", "summary", "--columns", "age,lwt", "--bounds", "age=14:45",
                "--bounds", "lwt=80:250", "--dp", "laplace:1"));
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("Differential privacy: the numbers above include noise added at the sites."),
                text.out());
        assertTrue(text.out().contains("site s1: laplace, 2 noised releases, this job spent epsilon 2.000 (delta 0.00); "
                + "dataset data: epsilon 2.000 of 10.00 spent"), text.out());

        CliRun json = cli(withSites("simulate", "summary", "--columns", "age", "--bounds", "age=14:45",
                "--dp", "gaussian:1:1e-7", "--json"));
        assertEquals(0, json.exitCode(), json.err());
        JsonNode dp = JSON.readTree(json.out()).path("privacy").path("differential_privacy");
        assertTrue(dp.path("noised").asBoolean());
        assertEquals("gaussian", dp.path("sites").path(2).path("releases").path(1).path("mechanism").asText());
        assertTrue(dp.path("sites").path(2).path("releases").path(1).has("sigma"));

        CliRun plain = cli(withSites("simulate", "summary", "--columns", "age"));
        assertTrue(!plain.out().contains("Differential privacy"), plain.out());
    }

    @Test
    void dpMistakesAndRefusalsAreClear() throws IOException {
        CliRun bad = cli(withSites("simulate", "summary", "--columns", "age", "--dp", "laplace"));
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--dp: expected laplace:EPSILON or gaussian:EPSILON:DELTA, got 'laplace'"), bad.err());

        CliRun spent = cli(withSites("simulate", "summary", "--columns", "age", "--bounds", "age=14:45",
                "--dp", "laplace:1", "--dp-budget", "1.5"));
        assertEquals(1, spent.exitCode());
        assertTrue(spent.err().contains("refused: dataset data: privacy budget exhausted: this release needs ε=1.0, "
                + "0.5 of 1.5 left (round 2, deviations)"), spent.err());

        CliRun glm = cli(withSites("simulate", "glm", "-f", "low ~ age", "--family", "binomial", "--dp", "laplace:1"));
        assertEquals(1, glm.exitCode());
        assertTrue(glm.err().contains("quantity 'xtwx' has no per-row sensitivity bound"), glm.err());
    }

    @Test
    void siteBudgetShowsEachDatasetsLimitSpendingAndCharges() throws IOException {
        Files.createDirectories(dir.resolve("pki"));
        for (String f : List.of("ca.pem", "a.pem", "a.key")) {
            Files.writeString(dir.resolve("pki").resolve(f), "x");
        }
        Path config = dir.resolve("site.yaml");
        Files.writeString(config, String.join("\n", "name: a", "hub: 127.0.0.1:7443",
                "tls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}",
                "datasets:",
                "  births: {path: b.csv, privacy_budget: {epsilon: 3, delta: 1e-6}}",
                "  lab: {path: l.csv}", ""));
        CliRun empty = CliRun.of("site", "budget", "--config", config.toString());
        assertEquals(0, empty.exitCode(), empty.err());
        assertTrue(empty.out().contains("births"), empty.out());
        assertTrue(empty.out().contains("0 charged releases"), empty.out());

        try (BudgetLedger ledger = BudgetLedger.open(dir.resolve("site-state/privacy-ledger.json"),
                Map.of("births", new BudgetLimit(3, 1e-6)))) {
            ledger.charge("17", "alice", "births", PrivacyCost.pure("laplace", 1));
            ledger.charge("18", "bob", "births", PrivacyCost.pure("laplace", 0.5));
            // The report reads the ledger while the site holds it.
            CliRun text = CliRun.of("site", "budget", "--config", config.toString());
            assertEquals(0, text.exitCode(), text.err());
            assertTrue(text.out().matches("(?s).*births\\s+3\\.000\\s+1\\.500\\s+1\\.500\\s+1\\.00e-06\\s+2\\n.*"), text.out());
            assertTrue(text.out().contains("2 charged releases in"), text.out());
            CliRun json = CliRun.of("site", "budget", "--config", config.toString(), "--json");
            JsonNode doc = JSON.readTree(json.out());
            assertEquals(1.5, doc.path("datasets").path(0).path("epsilon_spent").asDouble(), 1e-12);
            assertEquals("bob", doc.path("entries").path(1).path("analyst").asText());
        }
    }
}
