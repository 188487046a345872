package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.medfed.methods.multinom.MultinomMethod;
import org.medfed.methods.multinom.MultinomParameters;
import org.medfed.simulator.BayesLogisticReferenceTest;
import org.medfed.simulator.FilteredModelRunsTest;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * {@code --where} through the deployed runtime (hub and site agents over gRPC with mutual TLS,
 * secure aggregation): multinom and bayes-logistic jobs with a row filter,
 * on site files whose rows outside the filter would break any round that read them, give the
 * simulator's result on the files filtered beforehand.
 */
class DeployedFilteredModelRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void filteredJobsEqualTheFitsOnPrefilteredFiles() throws Exception {
        Map<String, Map<String, Path>> files = FilteredModelRunsTest.birthwtCopies(dir);
        MultinomParameters multinom = MultinomParameters.of("race ~ age + lwt + smoke")
                .withLevels(Map.of("race", List.of("white", "black", "other")));
        BayesLogisticParameters bayes = BayesLogisticReferenceTest.parameters(1);
        String where = FilteredModelRunsTest.WHERE;
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir.resolve("consortium"));
        // Permissive: the filter leaves a site one or two black mothers, which the default
        // min_cell_count of 3 rightly refuses to release; this test is about which rows are read.
        files.get("tampered").forEach((site, file) -> b.site(site, "birthwt", file).policy(site, ReleasePolicy.permissive()));
        try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
            List<String> sites = List.of("site1", "site2", "site3");
            JobRecord m = analyst.submit(Invocation.of(new MultinomMethod(), multinom), "birthwt", where, sites, e -> { });
            assertEquals("succeeded", m.getStatus(), m.getError());
            var expected = Simulator.load(files.get("filtered")).withSecureAggregation(true)
                    .run(new MultinomMethod(), multinom, null).toJson();
            assertEquals(FilteredModelRunsTest.withoutWhere(DeployedGlmTest.core(expected.toString()), null),
                    FilteredModelRunsTest.withoutWhere(DeployedGlmTest.core(m.getResultJson()), where));
            assertEquals(FilteredModelRunsTest.KEPT, JSON.readTree(m.getResultJson()).path("n").asInt());

            JobRecord p = analyst.submit(Invocation.of(new BayesLogisticMethod(), bayes), "birthwt", where, sites, e -> { });
            assertEquals("succeeded", p.getStatus(), p.getError());
            var posterior = Simulator.load(files.get("filtered")).withSecureAggregation(true)
                    .run(new BayesLogisticMethod(), bayes, null).toJson();
            assertEquals(FilteredModelRunsTest.withoutWhere(DeployedGlmTest.core(posterior.toString()), null),
                    FilteredModelRunsTest.withoutWhere(DeployedGlmTest.core(p.getResultJson()), where));
        }
    }
}
