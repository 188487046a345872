package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/** Secure aggregation in the deployed runtime: on by default; off only where every site allows it. */
class SecureAggregationDeployTest {
    @TempDir
    Path dir;

    @Test
    void aSiteRefusesSumsInClearUnlessItsPolicyAllowsThem() throws Exception {
        // The hub runs jobs without secure aggregation; site2 keeps the default policy, which forbids that.
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).secureAggregation(false)
                .exactPolicy("site2", ReleasePolicy.defaults().withAllowPlainAggregation(false)).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(Invocation.of(new GlmMethod(), DeployedGlmTest.parameters()), "birthwt", null,
                    List.of(), e -> { });
            assertEquals("failed", r.getStatus());
            assertEquals("site site2 refused: sums without secure aggregation are not allowed (policy allow_plain_aggregation)",
                    r.getError());
            assertTrue(Files.readString(consortium.siteConfig("site2").auditLog()).contains("allow_plain_aggregation"));
        }
    }

    @Test
    void securelyAggregatedJobsAreMarkedAndTheSitesKeepMaskedSumsOutOfTheClear() throws Exception {
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(Invocation.of(new GlmMethod(), DeployedGlmTest.parameters()), "birthwt", null,
                    List.of(), e -> { });
            assertEquals("succeeded", r.getStatus(), r.getError());
            var privacy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.getResultJson()).path("privacy");
            assertTrue(privacy.path("secure_aggregation").asBoolean());
            // The hub refuses a round in which a site sends a declared SUM in clear (JobRun.undeclared), so a
            // successful secure job means every sum arrived masked only.
        }
    }

    @Test
    void onlyTheFirstMaskedRoundOfAJobHasAnUnmaskingStepAndEveryJobHasFreshKeys() throws Exception {
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).start();
             AnalystClient analyst = consortium.analyst()) {
            String first = null;
            for (int job = 1; job <= 2; job++) {
                JobRecord r = analyst.submit(Invocation.of(new GlmMethod(), DeployedGlmTest.parameters()), "birthwt",
                        null, List.of(), e -> { });
                assertEquals("succeeded", r.getStatus(), r.getError());
                var times = consortium.hub().secureAggregationTimes(r.getJob()).orElseThrow();
                assertTrue(times.maskedRounds() > 1, "masked rounds: " + times.maskedRounds());
                assertEquals(1, times.unmaskingSteps());
                if (first == null) {
                    first = r.getResultJson();
                } else {
                    // the same sums under another job's keys and masks: the same result, exactly
                    assertEquals(DeployedGlmTest.core(first).toString(), DeployedGlmTest.core(r.getResultJson()).toString());
                }
            }
        }
    }
}
