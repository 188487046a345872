package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.describe.CorrelationMethod;
import org.medfed.methods.describe.CorrelationParameters;
import org.medfed.methods.describe.TTestMethod;
import org.medfed.methods.describe.TTestParameters;
import org.medfed.methods.describe.TableMethod;
import org.medfed.methods.describe.TableParameters;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * correlation, ttest and the table tests on a hub and three site agents (gRPC, mutual TLS, secure
 * aggregation) against the simulator, and the default policy's small-cell, minimum-row and
 * differencing rules applied to their releases.
 */
class DeployedCorrelationTTestTest {
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
    void correlationTTestAndTableTestsEqualTheSimulatorsBitForBit() throws Exception {
        CorrelationParameters correlation = CorrelationParameters.of("age", "ph.karno", "wt.loss");
        TTestParameters ttest = TTestParameters.welch("age", "sex").withLevels(List.of("male", "female"));
        TableParameters table = TableParameters.twoWay("sex", "status");
        try (LoopbackConsortium consortium = lung(ReleasePolicy.permissive()).start();
             AnalystClient analyst = consortium.analyst()) {
            for (Invocation<?> job : List.of(Invocation.of(new CorrelationMethod(), correlation),
                    Invocation.of(new TTestMethod(), ttest), Invocation.of(new TableMethod(), table))) {
                String where = job.name().equals("ttest") ? "ph.karno >= 70" : null;
                Simulation sim = simulate(job, where);
                JobRecord r = analyst.submit(job, "lung", where, SITES, e -> { });
                assertEquals("succeeded", r.getStatus(), job.name() + ": " + r.getError());
                assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(),
                        DeployedGlmTest.core(r.getResultJson()).toString(), job.name());
                assertEquals(sim.result().toText(), r.getResultText(), job.name());
                assertEquals(sim.rounds(), r.getRounds(), job.name());
            }
        }
    }

    private static <P> Simulation simulate(Invocation<P> job, String where) {
        return Simulator.load(LUNG.siteFiles()).withSecureAggregation(true).run(job.method(), job.parameters(), where);
    }

    @Test
    void theDefaultPolicyRefusesASmallGroupAndTooFewRows() throws Exception {
        try (LoopbackConsortium consortium = lung(ReleasePolicy.defaults()).start();
             AnalystClient analyst = consortium.analyst()) {
            // Over 70, site2 holds 9 men and 2 women: a group count of 2 is a small cell.
            JobRecord small = analyst.submit(Invocation.of(new TTestMethod(), TTestParameters.welch("age", "sex")),
                    "lung", "age > 70", SITES, e -> { });
            assertEquals("failed", small.getStatus());
            assertTrue(small.getError().contains("site2") && small.getError().contains("a released count of 2 < 3 "
                    + "(policy min_cell_count)"), small.getError());
            // Over 75, every site holds fewer than 10 rows (1, 5 and 5); whichever answers first refuses.
            JobRecord few = analyst.submit(Invocation.of(new CorrelationMethod(), CorrelationParameters.of("age", "wt.loss")),
                    "lung", "age > 75", SITES, e -> { });
            assertEquals("failed", few.getStatus());
            assertTrue(few.getError().matches("site site[123] refused: [15] rows? < 10 \\(policy min_rows\\).*"), few.getError());
            // Job 1's schema round released at every site before site2 refused: over 65, site3's
            // 20 rows differ from its 14 over 70 by 6 < 10 (the differencing guard).
            JobRecord near = analyst.submit(Invocation.of(new TTestMethod(), TTestParameters.welch("age", "sex")),
                    "lung", "age > 65", SITES, e -> { });
            assertEquals("failed", near.getStatus());
            assertTrue(near.getError().startsWith("site site3 refused: subset differs from job 1 by 6 rows < 10 "
                    + "(differencing guard)"), near.getError());
            JobRecord ok = analyst.submit(Invocation.of(new TTestMethod(), TTestParameters.welch("age", "sex")),
                    "lung", null, SITES, e -> { });
            assertEquals("succeeded", ok.getStatus(), ok.getError());
        }
    }
}
