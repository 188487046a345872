package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.medfed.method.Aggregation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.site.ReleaseRecord;

/** Exactly what leaves each site in a GLM job: aggregates of declared shape, never rows. */
class GlmReleaseTest {

    @Test
    void sitesReleaseOnlyDeclaredAggregates() {
        ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
        Simulation sim = Simulator.load(c.siteFiles()).run(new GlmMethod(), GlmReferenceTest.parameters(c), null);
        int p = 10;
        Set<String> numeric = Set.of("xtwx", "xtwz", "score", "deviance", "loglik", "pearson_chisq", "boundary_rows",
                "rows", "rows_dropped", "rows_nonzero_weight", "sum_wy", "sum_w", "sum_log_w", "null_deviance", "noninteger_successes");
        assertEquals(List.of("site1", "site2", "site3"), List.copyOf(sim.releases().keySet()));
        for (var entry : sim.releases().entrySet()) {
            List<ReleaseRecord> records = entry.getValue();
            assertTrue(records.size() > 0);
            Set<String> names = new TreeSet<>();
            for (ReleaseRecord r : records) {
                names.add(r.name());
                if (r.aggregation() == Aggregation.UNION) {
                    assertEquals("schema", r.step(), "labels only in the schema round");
                    assertTrue(r.name().startsWith("schema."), r.name());
                    continue;
                }
                assertTrue(numeric.contains(r.name()), "undeclared release " + r.name());
                int len = r.numbers().length;
                assertTrue(len == 1 || len == p || len == p * p, r.name() + " has " + len + " values");
                if (r.aggregation() == Aggregation.PER_SITE) {
                    assertTrue(Set.of("rows", "rows_dropped").contains(r.name()), "per-site only for counts: " + r.name());
                }
            }
            assertTrue(names.containsAll(Set.of("xtwx", "xtwz", "score", "deviance")), names.toString());
        }
        // The schema round reveals which levels occur, not how often: race levels as a set.
        ReleaseRecord race = sim.releases().get("site3").stream()
                .filter(r -> r.name().equals("schema.levels:race")).findFirst().orElseThrow();
        assertEquals(Set.of("white", "black", "other"), Set.copyOf(race.labels()));
        assertEquals(6, sim.rounds());
    }
}
