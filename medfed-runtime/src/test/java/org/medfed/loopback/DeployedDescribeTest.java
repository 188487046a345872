package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.describe.SummaryMethod;
import org.medfed.methods.describe.SummaryParameters;
import org.medfed.methods.describe.TableMethod;
import org.medfed.methods.describe.TableParameters;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/** summary and table on a hub and three site agents (gRPC, mutual TLS, secure aggregation) against the simulator. */
class DeployedDescribeTest {
    private static final ReferenceCase LUNG = ReferenceCase.load("summary-stats-lung");
    private static final List<String> SITES = List.of("site1", "site2", "site3");

    @TempDir
    Path dir;

    private LoopbackConsortium.Builder lung(ReleasePolicy policy) {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        LUNG.siteFiles().forEach((site, file) -> b.site(site, "lung", file).policy(site, policy));
        return b;
    }

    @Test
    void summaryAndTableEqualTheSimulatorsBitForBit() throws Exception {
        SummaryParameters summary = new SummaryParameters(List.of("age", "sex", "meal.cal", "wt.loss"),
                Map.of("wt.loss", new double[] {-30, 70}), Map.of("sex", List.of("male", "female")));
        TableParameters table = TableParameters.twoWay("sex", "ecog_grp");
        Simulation simSummary = Simulator.load(LUNG.siteFiles()).withSecureAggregation(true)
                .run(new SummaryMethod(), summary, "age >= 40");
        Simulation simTable = Simulator.load(LUNG.siteFiles()).withSecureAggregation(true)
                .run(new TableMethod(), table, null);
        try (LoopbackConsortium consortium = lung(ReleasePolicy.permissive()).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord s = analyst.submit(Invocation.of(new SummaryMethod(), summary), "lung", "age >= 40", SITES, e -> { });
            assertEquals("succeeded", s.getStatus(), s.getError());
            assertEquals(DeployedGlmTest.core(simSummary.toJson().toString()).toString(),
                    DeployedGlmTest.core(s.getResultJson()).toString());
            assertEquals(simSummary.result().toText(), s.getResultText());
            assertEquals(simSummary.rounds(), s.getRounds());

            JobRecord t = analyst.submit(Invocation.of(new TableMethod(), table), "lung", null, SITES, e -> { });
            assertEquals("succeeded", t.getStatus(), t.getError());
            assertEquals(DeployedGlmTest.core(simTable.toJson().toString()).toString(),
                    DeployedGlmTest.core(t.getResultJson()).toString());
            assertTrue(t.getResultText().contains("female"), t.getResultText());
        }
    }

    /**
     * Quantiles, extremes and histograms through real gates: under each site's policy (defaults,
     * one site allowing extremes) the deployed result equals the simulator's with the same
     * policies, min and max are withheld with a note, and small histogram cells are suppressed.
     */
    @Test
    void quantilesExtremesAndHistogramsFollowEachSitesPolicyAsInTheSimulator() throws Exception {
        SummaryParameters summary = SummaryParameters.of("time", "age", "meal.cal");
        String where = "age >= 45";
        Map<String, ReleasePolicy> policies = new java.util.LinkedHashMap<>();
        SITES.forEach(s -> policies.put(s, ReleasePolicy.defaults()));
        policies.put("site1", ReleasePolicy.defaults().withAllowExtremes(true));
        Simulation sim = Simulator.load(LUNG.siteFiles()).withPolicies(policies).withSecureAggregation(true)
                .run(new SummaryMethod(), summary, where);
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        LUNG.siteFiles().forEach((site, file) -> b.site(site, "lung", file).policy(site, policies.get(site)));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(Invocation.of(new SummaryMethod(), summary), "lung", where, SITES, e -> { });
            assertEquals("succeeded", r.getStatus(), r.getError());
            assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(), DeployedGlmTest.core(r.getResultJson()).toString());
            assertEquals(sim.rounds(), r.getRounds());
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.getResultJson());
            com.fasterxml.jackson.databind.JsonNode time = json.path("columns").get(0);
            assertTrue(time.path("quantiles").has("0.5") && time.path("quantile_precision").asDouble() > 0, time.toString());
            assertTrue(!time.has("min") && !time.has("max"), "site2 and site3 withhold their extremes: " + time);
            assertTrue(json.path("notes").toString().contains("at site2, site3"), json.path("notes").toString());
            assertTrue(time.path("histogram").path("counts").size() > 0);
            assertTrue(r.getResultText().contains("withheld by site policy"), r.getResultText());
        }
        policies.replaceAll((site, p) -> ReleasePolicy.defaults().withAllowExtremes(true));
        LoopbackConsortium.Builder open = LoopbackConsortium.builder(dir.resolve("open"));
        LUNG.siteFiles().forEach((site, file) -> open.site(site, "lung", file).policy(site, policies.get(site)));
        try (LoopbackConsortium consortium = open.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(Invocation.of(new SummaryMethod(), summary), "lung", null, SITES, e -> { });
            assertEquals("succeeded", r.getStatus(), r.getError());
            com.fasterxml.jackson.databind.JsonNode age = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(r.getResultJson()).path("columns").get(1);
            assertEquals(39, age.path("min").asDouble());
            assertEquals(82, age.path("max").asDouble());
            assertEquals(63, age.path("quantiles").path("0.5").asDouble());
            assertTrue(age.path("histogram").path("exact_range").asBoolean());
        }
    }

    @Test
    void theDefaultPolicyRefusesASummaryThatReleasesACountOfOne() throws Exception {
        // One site holds the only row with ph.karno missing: its missing count of 1 is a small cell.
        try (LoopbackConsortium consortium = lung(ReleasePolicy.defaults()).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(Invocation.of(new SummaryMethod(), SummaryParameters.of("age", "ph.karno")),
                    "lung", null, SITES, e -> { });
            assertEquals("failed", r.getStatus());
            assertTrue(r.getError().contains("min_cell_count"), r.getError());
            JobRecord ok = analyst.submit(Invocation.of(new SummaryMethod(), SummaryParameters.of("age", "time")),
                    "lung", null, SITES, e -> { });
            assertEquals("succeeded", ok.getStatus(), ok.getError());
        }
    }
}
