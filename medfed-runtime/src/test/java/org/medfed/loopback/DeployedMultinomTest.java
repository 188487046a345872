package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.multinom.MultinomMethod;
import org.medfed.methods.multinom.MultinomParameters;
import org.medfed.methods.multinom.MultinomResult;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * The multinomial model through the deployed runtime (hub and site agents over gRPC with mutual
 * TLS, secure aggregation on, every site under its default release policy): the result equals the
 * simulator's to the bit, which is the fixture's exact maximum-likelihood fit.
 */
class DeployedMultinomTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void deployedFitEqualsTheSimulatorsUnderDefaultPolicies() throws Exception {
        ReferenceCase c = ReferenceCase.load("multinom-birthwt-race");
        MultinomParameters p = MultinomParameters.of("race ~ age + lwt + smoke")
                .withLevels(Map.of("race", List.of("white", "black", "other")));
        Simulation sim = Simulator.load(c.siteFiles()).withSecureAggregation(true).run(new MultinomMethod(), p, null);
        MultinomResult r = (MultinomResult) sim.result();
        double exact = c.analysis("multinom").path("exact_mle").path("deviance").asDouble();
        assertTrue(Math.abs(r.deviance() - exact) <= 1e-12 * exact, "deviance " + r.deviance() + " vs " + exact);
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        c.siteFiles().forEach((site, file) -> b.site(site, "birthwt", file).policy(site, ReleasePolicy.defaults()));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord record = analyst.submit(Invocation.of(new MultinomMethod(), p), "birthwt", null,
                    List.of("site1", "site2", "site3"), e -> { });
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(),
                    DeployedGlmTest.core(record.getResultJson()).toString());
            assertEquals(sim.result().toText(), record.getResultText());
            JsonNode privacy = JSON.readTree(record.getResultJson()).path("privacy");
            assertTrue(privacy.path("secure_aggregation").asBoolean(), privacy.toString());
        }
    }
}
