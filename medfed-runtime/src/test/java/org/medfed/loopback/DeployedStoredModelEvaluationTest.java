package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.audit.AuditEvent;
import org.medfed.audit.AuditReader;
import org.medfed.audit.AuditRecord;
import org.medfed.methods.Invocation;
import org.medfed.methods.evaluation.EvaluationParameters;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.storedmodel.EvaluateMethod;
import org.medfed.methods.storedmodel.EvaluateParameters;
import org.medfed.methods.storedmodel.StoredModel;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * {@code run evaluate --job}: a past deployed glm job's model evaluated on the same hub's sites
 * gives the evaluation the fit's own {@code --evaluate} gave, and every round of it — the row
 * counts and the evaluation's sums — is judged and audited at each site like any other release.
 */
class DeployedStoredModelEvaluationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SITES = List.of("site1", "site2", "site3");
    private static final Map<String, Integer> ROWS = Map.of("site1", 76, "site2", 66, "site3", 47);

    @TempDir
    Path dir;

    @Test
    void aPastJobsModelEvaluatesAsItsOwnEvaluateAndEveryRoundIsAudited() throws Exception {
        LoopbackConsortium.Builder b = DeployedGlmTest.birthwt(dir);
        // The default policy (min_cell_count 3 for tables), except that counts of rows grouped by
        // fitted values may be 1 (evaluation_min_cell_count: fine histograms need it).
        SITES.forEach(site -> b.policy(site, ReleasePolicy.defaults().withEvaluationMinCellCount(1)));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord fit = analyst.submit(Invocation.of(new GlmMethod(),
                            DeployedGlmTest.parameters().withEvaluation(EvaluationParameters.defaults())),
                    "birthwt", null, SITES, e -> { });
            assertEquals("succeeded", fit.getStatus(), fit.getError());
            JobRecord stored = analyst.job(fit.getJob());
            StoredModel model = StoredModel.fromGlmJson(JSON.readTree(stored.getResultJson()), "job " + fit.getJob());
            JobRecord record = analyst.submit(Invocation.of(new EvaluateMethod(),
                    new EvaluateParameters(model, EvaluationParameters.defaults())), "birthwt", null, SITES, e -> { });
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertEquals("evaluate", record.getMethod());
            JsonNode result = JSON.readTree(record.getResultJson());
            assertEquals(JSON.readTree(fit.getResultJson()).path("evaluation"), result.path("evaluation"));
            assertEquals(189, result.path("n").asInt());
            assertTrue(record.getResultText().contains("Hosmer-Lemeshow"), record.getResultText());

            for (String site : SITES) {
                List<AuditRecord> rounds = AuditReader.read(consortium.siteConfig(site).auditLog()).stream()
                        .filter(r -> record.getJob().equals(r.event().job()) && r.event().step() != null)
                        .toList();
                assertTrue(rounds.stream().anyMatch(r -> r.event().step().equals("evaluate_prepare")), site + ": rows round audited");
                assertFalse(rounds.stream().filter(r -> r.event().step().startsWith("eval_")).toList().isEmpty(),
                        site + ": evaluation rounds audited");
                for (AuditRecord r : rounds) {
                    assertEquals(AuditEvent.RELEASE, r.event().kind(), site + " " + r.event().step());
                    assertEquals(ROWS.get(site), r.event().rows(), site + ": rows judged in " + r.event().step());
                }
            }
        }
    }
}
