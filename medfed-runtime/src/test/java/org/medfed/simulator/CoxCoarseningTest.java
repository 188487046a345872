package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.agent.DatasetSpec;
import org.medfed.data.Table;
import org.medfed.error.MedfedException;
import org.medfed.methods.cox.CoxMethod;
import org.medfed.methods.cox.CoxParameters;
import org.medfed.methods.cox.CoxResult;
import org.medfed.site.ReleasePolicy;

/**
 * A site that coarsens time to weeks ({@code coarsen: {time: 7}} in site.yaml, applied as the
 * dataset loads) in a Cox job: with the pooled baseline and stratified by site, Efron and Breslow,
 * the fit equals R's {@code coxph} on the stacked site rows with site2's times rounded up to
 * multiples of 7 ({@code r-checks/cox-coarsened.R}), and the result's privacy block and text say
 * which site coarsened.
 */
public class CoxCoarseningTest {
    private static final ReferenceCase LUNG = ReferenceCase.load("cox-lung");
    private static final String FORMULA = "Surv(time, status) ~ age + sex + ph.ecog";
    private static final JsonNode R = read();

    private static JsonNode read() {
        return RChecks.read("cox-coarsened.json");
    }

    /** R's fit of {@code analysis} (pooled_efron, stratified_breslow, ...) on the rows with site2 in weeks. */
    public static JsonNode expected(String analysis) {
        return R.path(analysis);
    }

    /** The lung site files, site2's time coarsened to weeks as its agent loads it. */
    public static Map<String, Table> site2InWeeks() {
        return coarsened(Set.of("site2"), 7);
    }

    private static Map<String, Table> coarsened(Set<String> sites, double step) {
        Map<String, Table> tables = new LinkedHashMap<>();
        LUNG.siteFiles().forEach((site, file) -> {
            DatasetSpec spec = DatasetSpec.file("lung", file);
            tables.put(site, (sites.contains(site) ? spec.withCoarsening(Map.of("time", step)) : spec).read(site));
        });
        return tables;
    }

    private static CoxParameters parameters(String ties, boolean bySite) {
        return CoxParameters.of(FORMULA, ties).withLevels(Map.of("sex", List.of("male", "female"))).stratifiedBySite(bySite);
    }

    @ParameterizedTest
    @CsvSource({"pooled_efron, efron, false", "pooled_breslow, breslow, false",
            "stratified_efron, efron, true", "stratified_breslow, breslow, true"})
    void fitWithOneSiteInWeeksEqualsCoxphOnTheCoarsenedRows(String analysis, String ties, boolean bySite) {
        Simulation sim = new Simulator(site2InWeeks()).withSecureAggregation(true)
                .run(new CoxMethod(), parameters(ties, bySite), null);
        CoxResult r = (CoxResult) sim.result();
        JsonNode expected = R.path(analysis);
        CoxReferenceTest.assertMatchesR(expected, r);
        if (bySite) {
            CoxReferenceTest.assertExactConcordance(expected.path("concordance"), r.concordance());
        } else {
            CoxReferenceTest.assertBinnedConcordance(expected.path("concordance"), r.concordance());
        }
        JsonNode privacy = sim.toJson().path("privacy");
        JsonNode coarsening = privacy.path("coarsening");
        assertEquals(1, coarsening.size(), privacy.toString());
        assertEquals("site2", coarsening.get(0).path("site").asText());
        assertEquals("time", coarsening.get(0).path("column").asText());
        assertEquals(7.0, coarsening.get(0).path("multiple_of").asDouble());
        assertEquals("site site2 coarsened time to multiples of 7", privacy.path("notes").get(0).asText());
        assertTrue(r.toText().contains("Note: site site2 coarsened time to multiples of 7"), r.toText());
        assertTrue(privacy.path("released").toString().contains("time_step"), privacy.toString());
    }

    /**
     * Coarsening does not make the pooled lung fit pass the default policy ({@code min_cell_count:
     * 3}): even with every site in weeks (or quarters) site1 has grid times with a single event in
     * the setup round, so it refuses, naming the rule.
     */
    @ParameterizedTest
    @ValueSource(doubles = {7, 91})
    void theDefaultPolicyStillRefusesThePooledLungFitWhenEverySiteCoarsens(double step) {
        Map<String, Table> tables = coarsened(LUNG.siteFiles().keySet(), step);
        Map<String, ReleasePolicy> policies = new LinkedHashMap<>();
        tables.keySet().forEach(site -> policies.put(site, ReleasePolicy.defaults()));
        Simulator simulator = new Simulator(tables).withPolicies(policies).withSecureAggregation(true);
        MedfedException e = assertThrows(MedfedException.class,
                () -> simulator.run(new CoxMethod(), parameters("efron", false), null));
        assertTrue(e.getMessage().contains("site1 refused: a released count of 1 < 3 (policy min_cell_count)")
                && e.getMessage().contains("setup"), e.getMessage());
    }

    /** Exact times: the step every site releases is 0, and the result names no coarsening. */
    @Test
    void exactTimesNameNoCoarsening() {
        Simulation sim = Simulator.load(LUNG.siteFiles()).run(new CoxMethod(), parameters("efron", true), null);
        JsonNode privacy = sim.toJson().path("privacy");
        assertEquals(0, privacy.path("coarsening").size(), privacy.toString());
        assertEquals(0, privacy.path("notes").size(), privacy.toString());
        assertTrue(!sim.result().toText().contains("coarsened"), sim.result().toText());
    }
}
