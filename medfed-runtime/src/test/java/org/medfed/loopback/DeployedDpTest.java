package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.audit.AuditReader;
import org.medfed.audit.AuditVerifier;
import org.medfed.methods.Invocation;
import org.medfed.methods.describe.SummaryMethod;
import org.medfed.methods.describe.SummaryParameters;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.privacy.dp.BudgetLimit;
import org.medfed.privacy.dp.LedgerEntry;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.site.DpPolicy;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * Differential privacy over real gRPC with secure aggregation: the analyst's request reaches every
 * site, each site noises, charges its ledger and says so in the result; a spent budget refuses,
 * also after the site restarts; a site whose policy requires DP noises jobs that asked for none
 * and refuses methods that declare no sensitivity. Each site holds 40 rows of {@code age} and
 * {@code y}.
 */
@Timeout(120)
class DeployedDpTest {
    private static final List<String> ALL = List.of("site1", "site2", "site3");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SummaryParameters BOUNDED = SummaryParameters.of("age", "y").withBounds("age", 0, 100)
            .withBounds("y", -10, 40);

    @TempDir
    Path dir;

    private LoopbackConsortium.Builder consortium(DpPolicy dp) throws Exception {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        for (int s = 1; s <= 3; s++) {
            StringBuilder csv = new StringBuilder("age,y\n");
            for (int i = 1; i <= 40; i++) {
                int age = 20 + (i * 17 + s * 7) % 45;
                csv.append(age).append(',').append(String.format(Locale.ROOT, "%.2f", 0.3 * age + (i % 7) - 3)).append('\n');
            }
            Path file = dir.resolve("site" + s + ".csv");
            Files.writeString(file, csv);
            b.site("site" + s, "cohort", file).policy("site" + s, ReleasePolicy.defaults().withDp(dp));
        }
        return b;
    }

    private static JobRecord summary(AnalystClient analyst, NoiseRequest noise) {
        return analyst.submit(Invocation.of(new SummaryMethod(), BOUNDED), "cohort", null, ALL, noise, e -> { });
    }

    private static double mean(JobRecord r, int column) throws Exception {
        return JSON.readTree(r.getResultJson()).path("columns").path(column).path("mean").asDouble();
    }

    @Test
    void noisedJobsChargeEachSiteUntilItsBudgetIsSpentAndTheLedgerOutlivesARestart() throws Exception {
        DpPolicy budgets = DpPolicy.none().withBudget("cohort", new BudgetLimit(2.5, 1e-6));
        try (LoopbackConsortium c = consortium(budgets).start(); AnalystClient analyst = c.analyst()) {
            JobRecord exact = summary(analyst, null);
            assertEquals("succeeded", exact.getStatus(), exact.getError());
            JsonNode exactDp = JSON.readTree(exact.getResultJson()).path("privacy").path("differential_privacy");
            assertFalse(exactDp.path("noised").asBoolean(), exactDp.toString());

            JobRecord noised = summary(analyst, NoiseRequest.laplace(1));
            assertEquals("succeeded", noised.getStatus(), noised.getError());
            assertEquals("laplace:1", noised.getNoise());
            assertNotEquals(mean(exact, 0), mean(noised, 0), "the noised mean differs from the exact one");
            JsonNode dp = JSON.readTree(noised.getResultJson()).path("privacy").path("differential_privacy");
            assertTrue(dp.path("noised").asBoolean());
            assertEquals(3, dp.path("sites").size());
            for (int s = 0; s < 3; s++) {
                JsonNode site = dp.path("sites").path(s);
                assertEquals(ALL.get(s), site.path("site").asText());
                assertEquals("cohort", site.path("dataset").asText());
                // Two numeric rounds (counts and sums, then squared deviations), ε = 1 each.
                assertEquals(2.0, site.path("epsilon").asDouble(), 1e-12);
                assertEquals(2, site.path("releases").size());
                JsonNode first = site.path("releases").path(0);
                assertEquals("analyst", first.path("source").asText());
                assertEquals("laplace", first.path("mechanism").asText());
                assertEquals(List.of("n", "missing", "sum"), JSON.convertValue(first.path("quantities"), List.class));
                assertEquals(100 * first.path("scale").asDouble(), first.path("element_scales").path("sum").path(0).asDouble(),
                        1e-9);
                assertEquals(2.0, site.path("releases").path(1).path("dataset_budget").path("epsilon_spent").asDouble(), 1e-12);
                assertEquals(2.5, first.path("dataset_budget").path("epsilon_limit").asDouble());
            }

            // 0.5 of 2.5 is left at every site: the next ε = 1 release is refused.
            JobRecord refused = summary(analyst, NoiseRequest.laplace(1));
            assertEquals("failed", refused.getStatus());
            assertTrue(refused.getError().matches("site site[123] refused: dataset cohort: privacy budget exhausted: "
                    + "this release needs ε=1(\\.0)?, 0\\.5 of 2\\.5 left \\(round 1, moments\\)"), refused.getError());

            // A restarted site still knows what it spent.
            c.startSite("site2");
            List<LedgerEntry> entries = BudgetLedger.readEntries(c.siteConfig("site2").privacyLedger());
            assertEquals(2, entries.size(), entries.toString());
            assertEquals(noised.getJob(), entries.get(0).job());
            assertEquals("analyst", entries.get(0).analyst());
            JobRecord afterRestart = analyst.submit(Invocation.of(new SummaryMethod(), BOUNDED), "cohort", null,
                    List.of("site2", "site1", "site3"), NoiseRequest.laplace(1), e -> { });
            assertEquals("failed", afterRestart.getStatus());
            assertTrue(afterRestart.getError().contains("privacy budget exhausted"), afterRestart.getError());

            // Every charge is in the (intact) audit log, before the release it paid for, without values.
            Path log = c.siteConfig("site1").auditLog();
            assertTrue(AuditVerifier.verify(log).ok());
            List<String> kinds = AuditReader.read(log).stream().filter(r -> noised.getJob().equals(r.event().job()))
                    .map(r -> r.event().kind()).toList();
            assertEquals(List.of("job-accepted", "release", "dp-charge", "release", "dp-charge", "release"), kinds);
        }
    }

    @Test
    void aSiteThatRequiresDpNoisesEveryJobAndRefusesWhatCannotBeNoised() throws Exception {
        DpPolicy required = new DpPolicy(true, NoiseRequest.laplace(0.5), null,
                Map.of("cohort", new BudgetLimit(10, 1e-6)));
        try (LoopbackConsortium c = consortium(required).start(); AnalystClient analyst = c.analyst()) {
            JobRecord r = summary(analyst, null);
            assertEquals("succeeded", r.getStatus(), r.getError());
            JsonNode site = JSON.readTree(r.getResultJson()).path("privacy").path("differential_privacy").path("sites").path(0);
            assertEquals("policy", site.path("releases").path(0).path("source").asText());
            assertEquals(0.5, site.path("releases").path(0).path("epsilon").asDouble());
            assertEquals(1.0, site.path("epsilon").asDouble(), 1e-12);

            // The analyst cannot ask for less noise than the site requires.
            JobRecord weaker = summary(analyst, NoiseRequest.laplace(5));
            JsonNode w = JSON.readTree(weaker.getResultJson()).path("privacy").path("differential_privacy").path("sites").path(0);
            assertEquals("policy", w.path("releases").path(0).path("source").asText());
            assertEquals(0.5, w.path("releases").path(0).path("epsilon").asDouble());

            // GLM's information matrix has no per-row bound: nothing numeric may leave.
            JobRecord glm = analyst.submit(Invocation.of(new GlmMethod(), GlmParameters.of("y ~ age", "gaussian")),
                    "cohort", null, ALL, e -> { });
            assertEquals("failed", glm.getStatus());
            assertTrue(glm.getError().contains("has no per-row sensitivity bound, so it cannot be released with "
                    + "differential privacy, which this site's policy requires (differential_privacy.required)"),
                    glm.getError());
        }
    }
}
