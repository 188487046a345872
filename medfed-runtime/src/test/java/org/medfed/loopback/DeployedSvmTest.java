package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.svm.SvmMethod;
import org.medfed.methods.svm.SvmParameters;
import org.medfed.methods.svm.SvmResult;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.simulator.SvmReferenceTest;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * The linear SVM through the deployed runtime (hub and site agents over gRPC with mutual TLS,
 * secure aggregation on, every site under its default release policy): the sites keep their dual
 * solvers and ADMM state between rounds, the result equals the simulator's (secure aggregation on
 * there too) to the bit, and what was released is the engine's sums, the row counts, the
 * standardizing column sums and the evaluation sums, nothing per row; with a duality gap
 * tolerance also the gap's two sums, which the default policies accept.
 */
class DeployedSvmTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"0, 0", "1e-6, 0", "1e-6, 5"})
    void deployedFitEqualsTheSimulatorsUnderDefaultPolicies(double gapTolerance, int anderson) throws Exception {
        ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
        // The default fit with the training accuracy; the certified one without it.
        boolean accuracy = gapTolerance == 0;
        SvmParameters p = SvmReferenceTest.parameters(1).withGapTolerance(gapTolerance).withAccuracy(accuracy);
        p = p.withAdmm(p.admm().withAnderson(anderson));
        Simulation sim = Simulator.load(c.siteFiles()).withSecureAggregation(true).run(new SvmMethod(), p, null);
        SvmResult r = (SvmResult) sim.result();
        assertTrue(r.converged(), r.toText());
        assertEquals(189, r.n());
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        c.siteFiles().forEach((site, file) -> b.site(site, "birthwt", file).policy(site, ReleasePolicy.defaults()));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            JobRecord record = analyst.submit(Invocation.of(new SvmMethod(), p), "birthwt", null,
                    List.of("site1", "site2", "site3"), e -> { });
            assertEquals("succeeded", record.getStatus(), record.getError());
            assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(),
                    DeployedGlmTest.core(record.getResultJson()).toString());
            assertEquals(sim.result().toText(), record.getResultText());
            JsonNode privacy = JSON.readTree(record.getResultJson()).path("privacy");
            assertTrue(privacy.path("secure_aggregation").asBoolean(), privacy.toString());
            List<String> released = JSON.convertValue(privacy.path("released"), JSON.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            assertTrue(released.containsAll(List.of("admm.x_plus_u", "admm.loss", "rows", "column_sums", "hinge_sum")),
                    released.toString());
            assertEquals(accuracy, released.contains("correct"), released.toString());
            List<String> gapSums = List.of("dual_sum", "dual_direction");
            assertEquals(gapTolerance > 0, released.containsAll(gapSums), released.toString());
            assertEquals(anderson > 0, released.contains("admm.residual_gram"), released.toString());
            for (String name : released) {
                assertTrue(name.startsWith("schema.") || name.startsWith("admm.") || List.of("rows", "rows_dropped",
                        "column_sums", "column_squares", "hinge_sum", "correct").contains(name)
                        || gapTolerance > 0 && gapSums.contains(name), "unexpected release " + name);
            }
        }
    }
}
