package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.agent.DatasetSpec;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.cox.CoxMethod;
import org.medfed.methods.cox.CoxParameters;
import org.medfed.methods.cox.CoxResult;
import org.medfed.simulator.CoxCoarseningTest;
import org.medfed.simulator.CoxReferenceTest;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * The Cox model through the deployed runtime (hub and site agents over gRPC with mutual TLS,
 * secure aggregation on): the pooled-baseline fit equals the simulator's to the bit; the
 * site-stratified fit runs under every site's default policy and equals R's {@code strata(site)}
 * fit, also with site2 coarsening its times to weeks (R's fit on the coarsened rows, the
 * coarsening named in the result); the pooled design is refused by the default policy, because the
 * lung data's daily event times put one or two events at almost every time (a count below
 * min_cell_count 3).
 */
class DeployedCoxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static LoopbackConsortium.Builder sites(Path dir, ReferenceCase c, ReleasePolicy policy) {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        c.siteFiles().forEach((site, file) -> b.site(site, "lung", file).policy(site, policy));
        return b;
    }

    private static JobRecord submit(LoopbackConsortium consortium, CoxParameters p) throws Exception {
        try (AnalystClient analyst = consortium.analyst()) {
            return analyst.submit(Invocation.of(new CoxMethod(), p), "lung", null, List.of("site1", "site2", "site3"),
                    e -> { });
        }
    }

    @Test
    void pooledBaselineEqualsTheSimulatorBitForBit() throws Exception {
        ReferenceCase c = ReferenceCase.load("cox-lung");
        CoxParameters p = CoxParameters.of("Surv(time, status) ~ age + sex + ph.ecog", "efron")
                .withLevels(java.util.Map.of("sex", List.of("male", "female")));
        Simulation sim = Simulator.load(c.siteFiles()).withSecureAggregation(true).run(new CoxMethod(), p, null);
        try (LoopbackConsortium consortium = sites(dir, c, ReleasePolicy.permissive()).start()) {
            JobRecord record = submit(consortium, p);
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(),
                    DeployedGlmTest.core(record.getResultJson()).toString());
            assertEquals(sim.result().toText(), record.getResultText());
            JsonNode privacy = JSON.readTree(record.getResultJson()).path("privacy");
            assertTrue(privacy.path("secure_aggregation").asBoolean());
            assertTrue(privacy.path("reveals").asText().startsWith("event times"), privacy.toString());
            CoxReferenceTest.assertMatchesR(c.expected().path("analyses").path("cox_efron"), (CoxResult) sim.result());
        }
    }

    @Test
    void stratifiedBySiteRunsUnderTheDefaultPolicyAndEqualsR() throws Exception {
        ReferenceCase c = ReferenceCase.load("cox-stratified");
        CoxParameters p = CoxParameters.of("Surv(time, status) ~ age + sex + ph.ecog", "breslow")
                .withLevels(java.util.Map.of("sex", List.of("male", "female"))).stratifiedBySite(true);
        CoxResult sim = (CoxResult) Simulator.load(c.siteFiles()).withSecureAggregation(true)
                .run(new CoxMethod(), p, null).result();
        CoxReferenceTest.assertMatchesR(c.expected().path("analyses").path("cox_breslow"), sim);
        try (LoopbackConsortium consortium = sites(dir, c, ReleasePolicy.defaults()).start()) {
            JobRecord record = submit(consortium, p);
            assertEquals("succeeded", record.getStatus(), record.getError());
            JsonNode json = JSON.readTree(record.getResultJson());
            assertEquals("site_stratified", json.path("baseline").asText());
            assertEquals(sim.toText(), record.getResultText());
            assertTrue(!json.path("privacy").path("released").toString().contains("event_times"));
        }
    }

    /**
     * site2's agent coarsens time to weeks as it loads the dataset ({@code coarsen: {time: 7}}):
     * under every site's default policy the site-stratified fit is the simulator's on the same
     * tables, which is R's fit on the coarsened rows, and the deployed result's privacy block and
     * text name site2's coarsening.
     */
    @Test
    void aSiteInWeeksGivesRsFitOnTheCoarsenedRowsUnderTheDefaultPolicy() throws Exception {
        ReferenceCase c = ReferenceCase.load("cox-lung");
        CoxParameters p = CoxParameters.of("Surv(time, status) ~ age + sex + ph.ecog", "breslow")
                .withLevels(Map.of("sex", List.of("male", "female"))).stratifiedBySite(true);
        Map<String, ReleasePolicy> policies = new LinkedHashMap<>();
        c.siteFiles().keySet().forEach(site -> policies.put(site, ReleasePolicy.defaults()));
        Simulation sim = new Simulator(CoxCoarseningTest.site2InWeeks()).withPolicies(policies).withSecureAggregation(true)
                .run(new CoxMethod(), p, null);
        CoxReferenceTest.assertMatchesR(CoxCoarseningTest.expected("stratified_breslow"), (CoxResult) sim.result());
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        c.siteFiles().forEach((site, file) -> {
            DatasetSpec spec = DatasetSpec.file("lung", file);
            b.site(site, site.equals("site2") ? spec.withCoarsening(Map.of("time", 7.0)) : spec)
                    .policy(site, ReleasePolicy.defaults());
        });
        try (LoopbackConsortium consortium = b.start()) {
            JobRecord record = submit(consortium, p);
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(),
                    DeployedGlmTest.core(record.getResultJson()).toString());
            assertEquals(sim.result().toText(), record.getResultText());
            JsonNode privacy = JSON.readTree(record.getResultJson()).path("privacy");
            assertEquals(sim.toJson().path("privacy").path("coarsening"), privacy.path("coarsening"));
            assertEquals("site2", privacy.path("coarsening").get(0).path("site").asText(), privacy.toString());
            assertTrue(record.getResultText().contains("Note: site site2 coarsened time to multiples of 7"),
                    record.getResultText());
        }
    }

    @Test
    void pooledBaselineIsRefusedByTheDefaultMinimumCellCount() throws Exception {
        ReferenceCase c = ReferenceCase.load("cox-lung");
        CoxParameters p = CoxParameters.of("Surv(time, status) ~ age + sex + ph.ecog", "efron");
        try (LoopbackConsortium consortium = sites(dir, c, ReleasePolicy.defaults()).start()) {
            JobRecord record = submit(consortium, p);
            assertEquals("failed", record.getStatus(), record.getResultText());
            assertTrue(record.getError().contains("min_cell_count"), record.getError());
        }
    }
}
