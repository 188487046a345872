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
import org.medfed.data.Table;
import org.medfed.methods.Invocation;
import org.medfed.methods.km.KmMethod;
import org.medfed.methods.km.KmParameters;
import org.medfed.methods.km.LogrankMethod;
import org.medfed.methods.km.LogrankParameters;
import org.medfed.simulator.KmReferenceTest;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * km and logrank on a hub and three site agents (gRPC, mutual TLS, secure aggregation): with
 * {@code min_cell_count: 1} R's survfit and survdiff numbers; under the default policy with site1
 * coarsening its times to weeks ({@code coarsen: {time: 7}}), the simulator's result with the same
 * tables and policies, and a privacy block naming the coarsening and each gate cut.
 */
class DeployedKmTest {
    private static final List<String> SITES = List.of("site1", "site2", "site3");
    private static final KmParameters KM = KmParameters.of("time", "status", "sex").withLevels(KmReferenceTest.SEX);

    @TempDir
    Path dir;

    @Test
    void kaplanMeierAndLogrankEqualR() throws Exception {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        ReleasePolicy policy = ReleasePolicy.defaults().withMinCellCount(1);
        KmReferenceTest.LUNG.siteFiles().forEach((site, file) -> b.site(site, "lung", file).policy(site, policy));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord km = analyst.submit(Invocation.of(new KmMethod(), KM), "lung", null, SITES, e -> { });
            assertEquals("succeeded", km.getStatus(), km.getError());
            JsonNode json = new ObjectMapper().readTree(km.getResultJson());
            KmReferenceTest.assertStrata(KmReferenceTest.LUNG.analysis("km_by_sex").path("strata"), json.path("strata"));
            assertTrue(json.path("privacy").path("secure_aggregation").asBoolean());
            assertTrue(km.getResultText().contains("0.95LCL"), km.getResultText());

            JobRecord lr = analyst.submit(Invocation.of(new LogrankMethod(),
                    LogrankParameters.of("time", "status", "sex").withLevels(KmReferenceTest.SEX)), "lung", null, SITES, e -> { });
            assertEquals("succeeded", lr.getStatus(), lr.getError());
            JsonNode test = new ObjectMapper().readTree(lr.getResultJson());
            JsonNode r = KmReferenceTest.LUNG.analysis("logrank_by_sex");
            KmReferenceTest.close(r.path("chisq").asDouble(), test.path("chisq").asDouble(), "chisq");
            KmReferenceTest.close(r.path("p_value").asDouble(), test.path("p_value").asDouble(), "p");
        }
    }

    @Test
    void theDefaultPolicyAndASiteInWeeksGiveTheSimulatorsResult() throws Exception {
        Map<String, DatasetSpec> specs = new LinkedHashMap<>();
        KmReferenceTest.LUNG.siteFiles().forEach((site, file) -> specs.put(site, DatasetSpec.file("lung", file)));
        specs.put("site1", specs.get("site1").withCoarsening(Map.of("time", 7.0)));
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, ReleasePolicy> policies = new LinkedHashMap<>();
        specs.forEach((site, spec) -> {
            tables.put(site, spec.read(site));
            policies.put(site, ReleasePolicy.defaults());
        });
        Simulation sim = new Simulator(tables).withPolicies(policies).withSecureAggregation(true).run(new KmMethod(), KM, null);
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        specs.forEach((site, spec) -> b.site(site, spec).policy(site, ReleasePolicy.defaults()));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord km = analyst.submit(Invocation.of(new KmMethod(), KM), "lung", null, SITES, e -> { });
            assertEquals("succeeded", km.getStatus(), km.getError());
            assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(), DeployedGlmTest.core(km.getResultJson()).toString());
            JsonNode privacy = new ObjectMapper().readTree(km.getResultJson()).path("privacy");
            assertEquals(sim.toJson().path("privacy").path("risk_set_cuts"), privacy.path("risk_set_cuts"));
            assertTrue(privacy.path("notes").toString().contains("site site1 coarsened time to multiples of 7"), privacy.toString());
            assertTrue(privacy.path("risk_set_cuts").size() > 0, privacy.toString());
        }
    }
}
