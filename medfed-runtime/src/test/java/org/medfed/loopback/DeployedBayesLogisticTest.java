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
import org.medfed.methods.bayes.BayesLogisticMethod;
import org.medfed.methods.bayes.BayesLogisticParameters;
import org.medfed.methods.bayes.BayesResult;
import org.medfed.simulator.BayesLogisticReferenceTest;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * Bayesian logistic regression by EP through the deployed runtime (hub and site agents over gRPC
 * with mutual TLS, secure aggregation on, every site's default release policy): the sites keep
 * their row terms between rounds, the result equals the simulator's to the bit and the exact
 * posterior within the reference test's tolerances, and the released quantities are the site
 * factors' natural parameters and the row counts, nothing else.
 */
class DeployedBayesLogisticTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void defaultPolicyRunEqualsTheSimulatorAndReleasesOnlyTheFactors() throws Exception {
        ReferenceCase c = ReferenceCase.load("bayes-logistic-birthwt");
        Map<String, Path> files = BayesLogisticReferenceTest.siteFiles(c);
        BayesLogisticParameters p = BayesLogisticReferenceTest.parameters(1);
        Simulation sim = Simulator.load(files).withSecureAggregation(true).run(new BayesLogisticMethod(), p, null);
        BayesResult r = (BayesResult) sim.result();
        JsonNode expected = c.analysis("prior_sd_1");
        for (int j = 0; j < r.terms().size(); j++) {
            double sd = expected.path("posterior_sd").get(j).asDouble();
            assertEquals(expected.path("posterior_mean").get(j).asDouble(), r.coefficients().get(j).mean(), 0.05 * sd);
            assertEquals(sd, r.coefficients().get(j).sd(), 0.05 * sd);
        }
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        files.forEach((site, file) -> b.site(site, "birthwt", file).policy(site, ReleasePolicy.defaults()));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord record = analyst.submit(Invocation.of(new BayesLogisticMethod(), p), "birthwt", null,
                    List.of("site1", "site2", "site3"), e -> { });
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(),
                    DeployedGlmTest.core(record.getResultJson()).toString());
            assertEquals(sim.result().toText(), record.getResultText());
            JsonNode privacy = JSON.readTree(record.getResultJson()).path("privacy");
            assertTrue(privacy.path("secure_aggregation").asBoolean(), privacy.toString());
            String released = privacy.path("released").toString();
            assertTrue(released.contains("site_precision") && released.contains("site_shift"), released);
        }
    }
}
