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
