package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.penalized.PenalizedMethod;
import org.medfed.methods.penalized.PenalizedParameters;
import org.medfed.methods.penalized.PenalizedResult;
import org.medfed.simulator.PenalizedReferenceTest;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * A lasso path through the deployed runtime (hub and site agents over gRPC with mutual TLS, secure
 * aggregation on, every site's default release policy), with and without an intercept: the sites
 * keep their ADMM primal and dual between rounds, the result equals the simulator's to the bit,
 * and what was released is the moments round's sums and the engine's sums, nothing else.
 */
class DeployedPenalizedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void defaultPolicyRunEqualsTheSimulatorAndReleasesOnlySums(boolean intercept) throws Exception {
        ReferenceCase c = ReferenceCase.load("lasso-logistic-birthwt");
        Map<String, Path> files = c.siteFiles();
        String formula = PenalizedReferenceTest.FORMULA + (intercept ? "" : " - 1");
        PenalizedParameters p = PenalizedParameters.of(formula, "binomial", 1, List.of(0.05, 0.02));
        Simulation sim = Simulator.load(files).withSecureAggregation(true).run(PenalizedMethod.lasso(), p, null);
        PenalizedResult r = (PenalizedResult) sim.result();
        assertEquals(intercept, r.terms().contains("(Intercept)"), r.terms().toString());
        // The fit without an intercept is checked against glmnet in PenalizedNoInterceptTest.
        JsonNode expected = c.analysis("lasso").path("solutions");
        for (int i = 0; intercept && i < 2; i++) {
            double[] exact = PenalizedReferenceTest.numbers(expected.get(i).path("exact").path("estimate"));
            for (int j = 0; j < exact.length; j++) {
                assertEquals(exact[j], r.estimate(i)[j], 1e-6, "lambda " + r.lambda(i) + " " + r.terms().get(j));
            }
        }
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        files.forEach((site, file) -> b.site(site, "birthwt", file).policy(site, ReleasePolicy.defaults()));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord record = analyst.submit(Invocation.of(PenalizedMethod.lasso(), p), "birthwt", null,
                    List.of("site1", "site2", "site3"), e -> { });
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(),
                    DeployedGlmTest.core(record.getResultJson()).toString());
            assertEquals(sim.result().toText(), record.getResultText());
            JsonNode privacy = JSON.readTree(record.getResultJson()).path("privacy");
            assertTrue(privacy.path("secure_aggregation").asBoolean(), privacy.toString());
            TreeSet<String> released = new TreeSet<>();
            privacy.path("released").forEach(n -> released.add(n.asText()));
            TreeSet<String> allowed = new TreeSet<>(List.of("rows", "rows_dropped", "column_sums", "column_squares",
                    "admm.x_plus_u", "admm.primal_sq", "admm.x_sq", "admm.u_sq", "admm.loss"));
            released.removeIf(name -> name.startsWith("schema."));
            assertEquals(allowed, released, privacy.toString());
        }
    }
}
