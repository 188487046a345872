package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.pca.PcaMethod;
import org.medfed.methods.pca.PcaParameters;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * pca on a hub and three site agents (gRPC, mutual TLS, secure aggregation) against the simulator,
 * and the default policy's minimum-row rule applied to its releases.
 */
class DeployedPcaTest {
    private static final ReferenceCase ARRESTS = ReferenceCase.load("pca-usarrests");
    private static final List<String> SITES = List.of("site1", "site2", "site3");

    @TempDir
    Path dir;

    private LoopbackConsortium.Builder arrests(ReleasePolicy policy) {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        ARRESTS.siteFiles().forEach((site, file) -> b.site(site, "arrests", file).policy(site, policy));
        return b;
    }

    @Test
    void pcaEqualsTheSimulatorBitForBit() throws Exception {
        try (LoopbackConsortium consortium = arrests(ReleasePolicy.permissive()).start();
             AnalystClient analyst = consortium.analyst()) {
            for (PcaParameters parameters : List.of(PcaParameters.scaled("Murder", "Assault", "UrbanPop", "Rape"),
                    PcaParameters.unscaled("Murder", "Assault", "Rape").withK(2))) {
                String where = parameters.scale() ? null : "UrbanPop >= 50";
                Invocation<PcaParameters> job = Invocation.of(new PcaMethod(), parameters);
                Simulation sim = Simulator.load(ARRESTS.siteFiles()).withSecureAggregation(true)
                        .run(job.method(), job.parameters(), where);
                JobRecord r = analyst.submit(job, "arrests", where, SITES, e -> { });
                assertEquals("succeeded", r.getStatus(), r.getError());
                assertEquals(DeployedGlmTest.core(sim.toJson().toString()).toString(),
                        DeployedGlmTest.core(r.getResultJson()).toString());
                assertEquals(sim.result().toText(), r.getResultText());
                assertEquals(sim.rounds(), r.getRounds());
            }
        }
    }

    @Test
    void theDefaultPolicyRefusesTooFewRows() throws Exception {
        try (LoopbackConsortium consortium = arrests(ReleasePolicy.defaults()).start();
             AnalystClient analyst = consortium.analyst()) {
            // Murder > 12: the sites hold 5, 3 and 3 such states, all fewer than 10.
            JobRecord few = analyst.submit(Invocation.of(new PcaMethod(), PcaParameters.scaled("Murder", "Assault")),
                    "arrests", "Murder > 12", SITES, e -> { });
            assertEquals("failed", few.getStatus());
            assertTrue(few.getError().matches("site site[123] refused: \\d rows? < 10 \\(policy min_rows\\).*"), few.getError());
        }
    }
}
