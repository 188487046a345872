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
import org.medfed.methods.glm.GlmParameters;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * {@code run glm --evaluate} on a hub and three site agents (gRPC, mutual TLS, secure
 * aggregation, real release policies): the same result as the simulator, every evaluation round
 * judged and audited at each site like the model's own rounds, and refused by a site whose
 * minimum-cell rule the fine histograms break.
 */
class DeployedEvaluationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReferenceCase BIRTHWT = ReferenceCase.load("glm-logistic-birthwt");
    private static final List<String> SITES = List.of("site1", "site2", "site3");
    private static final Map<String, Integer> ROWS = Map.of("site1", 76, "site2", 66, "site3", 47);

    @TempDir
    Path dir;

    private static GlmParameters parameters() {
        return DeployedGlmTest.parameters().withEvaluation(EvaluationParameters.defaults());
    }

    private LoopbackConsortium.Builder birthwt(ReleasePolicy policy) {
        LoopbackConsortium.Builder b = DeployedGlmTest.birthwt(dir);
        SITES.forEach(site -> b.policy(site, policy));
        return b;
    }

    @Test
    void deployedEvaluationEqualsTheSimulatorsAndEveryRoundIsJudgedAndAudited() throws Exception {
        Simulation sim = Simulator.load(BIRTHWT.siteFiles()).withSecureAggregation(true).run(new GlmMethod(), parameters(), null);
        // The default policy (min_cell_count 3 for tables), except that counts of rows grouped by
        // fitted values may be 1 (evaluation_min_cell_count: fine histograms need it).
        try (LoopbackConsortium consortium = birthwt(ReleasePolicy.defaults().withEvaluationMinCellCount(1)).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord record = analyst.submit(Invocation.of(new GlmMethod(), parameters()), "birthwt", null, SITES, e -> { });
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(),
                    DeployedGlmTest.core(record.getResultJson()).toString());
            assertEquals(sim.result().toText(), record.getResultText());
            assertTrue(record.getResultText().contains("Hosmer-Lemeshow"), record.getResultText());
            assertEquals(sim.rounds(), record.getRounds());
            JsonNode result = JSON.readTree(record.getResultJson());
            assertTrue(result.path("privacy").path("secure_aggregation").asBoolean());
            JsonNode released = result.path("privacy").path("released");
            for (String q : List.of("eval_hist_cases", "eval_hist_controls", "eval_brier_sum", "eval_calibration_score",
                    "eval_hl_count_at_or_below", "eval_hl_group_rows", "eval_hl_group_events", "eval_hl_group_fitted_sum")) {
                assertTrue(released.toString().contains("\"" + q + "\""), q + " listed in " + released);
            }
            JsonNode hl = result.path("evaluation").path("hosmer_lemeshow");
            assertEquals(BIRTHWT.expected().path("analyses").path("hosmer_lemeshow").path("statistic").asDouble(),
                    hl.path("statistic").asDouble(), 1e-9);

            for (String site : SITES) {
                List<AuditRecord> evaluation = AuditReader.read(consortium.siteConfig(site).auditLog()).stream()
                        .filter(r -> record.getJob().equals(r.event().job()) && r.event().step() != null
                                && r.event().step().startsWith("eval_"))
                        .toList();
                assertFalse(evaluation.isEmpty(), site + ": evaluation rounds audited");
                for (AuditRecord r : evaluation) {
                    assertEquals(AuditEvent.RELEASE, r.event().kind(), site + " " + r.event().step());
                    assertEquals(ROWS.get(site), r.event().rows(), site + ": rows judged in " + r.event().step());
                    r.event().quantities().forEach(q -> assertEquals("SUM", q.aggregation(), q.name()));
                }
            }
        }
    }

    @Test
    void theDefaultPolicyRefusesTheEvaluationNamingSiteRuleAndRound() throws Exception {
        try (LoopbackConsortium consortium = birthwt(ReleasePolicy.defaults()).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord refused = analyst.submit(Invocation.of(new GlmMethod(), parameters()), "birthwt", null, SITES, e -> { });
            assertEquals("failed", refused.getStatus());
            assertTrue(refused.getError().matches("(?s).*site site\\d refused: a released count of \\d rows grouped by fitted "
                    + "values < 3 \\(policy min_cell_count; evaluation_min_cell_count not set\\).*eval_start.*"), refused.getError());
            JobRecord model = analyst.submit(Invocation.of(new GlmMethod(), DeployedGlmTest.parameters()), "birthwt", null,
                    SITES, e -> { });
            assertEquals("succeeded", model.getStatus(), model.getError());
        }
    }
}
