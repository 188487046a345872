package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.site.ReleasePolicy;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.simulator.GlmReferenceTest;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.transport.proto.JobEvent;
import org.medfed.transport.proto.JobRecord;

/** The deployed runtime (hub + site agents over real gRPC and mutual TLS) against the simulator. */
class DeployedGlmTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static LoopbackConsortium.Builder birthwt(Path dir) {
        ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        c.siteFiles().forEach((site, file) -> b.site(site, "birthwt", file));
        return b;
    }

    static GlmParameters parameters() {
        return GlmReferenceTest.parameters(ReferenceCase.load("glm-logistic-birthwt"));
    }

    /** The result without the runtime's blocks, which name the runtime and job. */
    static ObjectNode core(String json) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(json);
        n.remove("privacy");
        n.remove("provenance");
        return n;
    }

    @Test
    void deployedResultEqualsTheSimulatorsBitForBit() throws Exception {
        ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
        GlmParameters p = parameters();
        Simulation sim = Simulator.load(c.siteFiles()).run(new GlmMethod(), p, null);
        // Sums in clear here (every site's policy allows it); everyFixture... covers secure aggregation.
        try (LoopbackConsortium consortium = birthwt(dir).secureAggregation(false).start();
             AnalystClient analyst = consortium.analyst()) {
            List<JobEvent> events = new ArrayList<>();
            JobRecord record = analyst.submit(Invocation.of(new GlmMethod(), p), "birthwt", null,
                    List.of("site1", "site2", "site3"), events::add);
            assertEquals("succeeded", record.getStatus(), record.getError());
            ObjectNode deployed = core(record.getResultJson());
            ObjectNode simulated = core(sim.toJson().toString());
            assertEquals(simulated, deployed);
            // Bit for bit: every number printed identically (Jackson writes the shortest exact repr).
            assertEquals(simulated.toString(), deployed.toString());
            assertEquals(sim.result().toText(), record.getResultText());
            assertTrue(events.get(0).hasAccepted());
            assertTrue(events.stream().anyMatch(e -> e.hasProgress() && e.getProgress().getSitesAnswered() == 3));
            assertEquals(sim.rounds(), record.getRounds());
            ObjectNode privacy = (ObjectNode) JSON.readTree(record.getResultJson()).path("privacy");
            assertEquals("hub", privacy.path("runtime").asText());
            assertEquals(sim.toJson().path("privacy").path("released"), privacy.path("released"));
        }
    }

    /**
     * Every shared R fixture, and a filtered fit, with secure aggregation (the deployed default):
     * the hub's result is the simulator's with secure aggregation, to the bit — the fixed-point
     * sums are exact, so masks and site processes change nothing.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "glm-logistic-birthwt|",
            "glm-logistic-birthwt|age >= 18 & smoke == 1",
            "glm-gaussian-boston|",
            "glm-gaussian-mtcars|",
            "glm-poisson-warpbreaks|",
            "glm-poisson-insurance-offset|"})
    void everyFixtureEqualsTheSimulatorBitForBit(String name, String where) throws Exception {
        ReferenceCase c = ReferenceCase.load(name);
        GlmParameters p = GlmReferenceTest.parameters(c);
        Simulation sim = Simulator.load(c.siteFiles()).withSecureAggregation(true).run(new GlmMethod(), p, where);
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir)
                .policy("site1", ReleasePolicy.permissive()).policy("site2", ReleasePolicy.permissive())
                .policy("site3", ReleasePolicy.permissive());
        c.siteFiles().forEach((site, file) -> b.site(site, name, file));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord record = analyst.submit(Invocation.of(new GlmMethod(), p), name, where,
                    List.copyOf(c.siteFiles().keySet()), e -> { });
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertEquals(core(sim.toJson().toString()).toString(), core(record.getResultJson()).toString());
            assertEquals(sim.result().toText(), record.getResultText());
            assertTrue(JSON.readTree(record.getResultJson()).path("privacy").path("secure_aggregation").asBoolean());
        }
    }

    @Test
    void badDataAtASiteFailsTheJobNamingSiteFileAndLineAndIsAudited() throws Exception {
        Path bad = dir.resolve("bad.csv");
        java.nio.file.Files.writeString(bad, "low,age\n0,20\n1,31\n2,25\n" + "0,40\n".repeat(20));
        ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
        try (LoopbackConsortium consortium = LoopbackConsortium.builder(dir)
                .site("site1", "birthwt", c.siteFiles().get("site1")).site("site2", "birthwt", bad)
                .policy("site1", ReleasePolicy.defaults().withMinSites(2))
                .policy("site2", ReleasePolicy.defaults().withMinSites(2)).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(Invocation.of(new GlmMethod(), GlmParameters.of("low ~ age", "binomial")),
                    "birthwt", null, List.of(), e -> { });
            assertEquals("failed", r.getStatus());
            assertTrue(r.getError().startsWith("site site2") && r.getError().contains("line 4"), r.getError());
            Path log = consortium.siteConfig("site2").auditLog();
            assertTrue(org.medfed.audit.AuditVerifier.verify(log).ok());
            assertTrue(java.nio.file.Files.readString(log).contains("\"kind\":\"failed\""));
        }
    }

    @Test
    void jobsAndSitesAreListed() throws Exception {
        try (LoopbackConsortium consortium = birthwt(dir).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(Invocation.of(new GlmMethod(), parameters()), "birthwt", null, List.of(), e -> { });
            assertEquals("succeeded", r.getStatus(), r.getError());
            assertEquals(List.of("site1", "site2", "site3"), r.getSitesList(), "default order: by name");
            assertEquals(List.of(r.getJob()), analyst.jobs().stream().map(JobRecord::getJob).toList());
            assertEquals(r.getResultJson(), analyst.job(r.getJob()).getResultJson());
            var sites = analyst.sites();
            assertEquals(List.of("site1", "site2", "site3"), sites.stream().map(s -> s.getName()).toList());
            assertTrue(sites.get(0).getConnected());
            assertEquals("birthwt", sites.get(0).getDatasets(0).getName());
            assertTrue(sites.get(0).getDatasets(0).getColumnsList().stream().anyMatch(col -> col.getName().equals("low")
                    && col.getType().equals("numeric")));
        }
    }
}
