package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medfed.simulator.RChecks.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.medfed.error.UsageException;
import org.medfed.method.Aggregation;
import org.medfed.methods.describe.CorrelationMethod;
import org.medfed.methods.describe.CorrelationParameters;
import org.medfed.methods.describe.CorrelationResult;
import org.medfed.methods.describe.TTestMethod;
import org.medfed.methods.describe.TTestParameters;
import org.medfed.methods.describe.TTestResult;
import org.medfed.site.ReleaseRecord;

/**
 * correlation and ttest over the lung fixture's three sites against R's cor, cor.test and t.test
 * on the pooled rows ({@code r-checks/lung-tests.json}), whatever the split or the site order.
 */
class CorrelationTTestReferenceTest {
    private static final ReferenceCase LUNG = ReferenceCase.load("summary-stats-lung");
    private static final double RELATIVE = 1e-10;
    private static final List<String> SEX = List.of("male", "female");

    private static Simulation correlate(Map<String, Path> sites, String where) {
        return Simulator.load(sites).run(new CorrelationMethod(), CorrelationParameters.of("age", "ph.karno", "wt.loss"), where);
    }

    @Test
    void correlationMatrixAndPairTestsEqualR() {
        for (String key : List.of("correlation", "correlation_female")) {
            JsonNode r = RChecks.lung(key);
            Simulation sim = correlate(LUNG.siteFiles(), key.equals("correlation") ? null : "sex == \"female\"");
            CorrelationResult c = (CorrelationResult) sim.result();
            assertEquals(r.path("n").asDouble(), c.n(), key + " complete rows");
            double[][] m = RChecks.matrix(r.path("matrix"));
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertClose(m[i][j], c.matrix()[i][j], RELATIVE, key + " r[" + i + "][" + j + "]");
                }
            }
            for (int p = 0; p < 3; p++) {
                JsonNode x = r.path("pairs").get(p);
                CorrelationResult.Pair pair = c.pairs().get(p);
                String what = key + " " + pair.x() + "~" + pair.y();
                assertEquals(x.path("x").asText(), pair.x());
                assertEquals(x.path("y").asText(), pair.y());
                assertClose(x.path("estimate"), pair.estimate(), RELATIVE, what + " estimate");
                assertClose(x.path("statistic"), pair.statistic(), RELATIVE, what + " t");
                assertEquals(x.path("df").asDouble(), pair.df(), what + " df");
                assertClose(x.path("p_value"), pair.pValue(), RELATIVE, what + " p");
                assertClose(x.path("conf_low"), pair.confLow(), RELATIVE, what + " conf.low");
                assertClose(x.path("conf_high"), pair.confHigh(), RELATIVE, what + " conf.high");
            }
            assertEquals(3, sim.rounds());
            assertReleases(sim, Set.of("n", "sum", "centered_cross_products"));
        }
    }

    @Test
    void correlationIsTheSameForOneSiteAndAnySiteOrderAndHasTheContractShape() {
        Simulation federated = correlate(LUNG.siteFiles(), null);
        Map<String, Path> reordered = new LinkedHashMap<>();
        List.of("site2", "site3", "site1").forEach(s -> reordered.put(s, LUNG.siteFiles().get(s)));
        for (Simulation other : List.of(correlate(Map.of("pooled", LUNG.pooled()), null), correlate(reordered, null))) {
            CorrelationResult a = (CorrelationResult) federated.result();
            CorrelationResult b = (CorrelationResult) other.result();
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertClose(a.matrix()[i][j], b.matrix()[i][j], 1e-13, "r[" + i + "][" + j + "]");
                }
            }
        }
        JsonNode json = federated.toJson();
        assertEquals("correlation", json.path("method").asText());
        assertEquals(214, json.path("n").asInt());
        assertEquals("[\"age\",\"ph.karno\",\"wt.loss\"]", json.path("columns").toString());
        assertEquals(1.0, json.path("matrix").get(1).get(1).asDouble());
        for (String field : List.of("x", "y", "estimate", "statistic", "df", "p_value", "conf_low", "conf_high", "method")) {
            assertTrue(json.path("pairs").get(0).has(field), field);
        }
        String text = federated.result().toText();
        assertTrue(text.startsWith("Pearson correlations of 214 complete rows at 3 sites (site1, site2, site3)"), text);
        assertTrue(text.contains("\nage               1 -0.2252336 0.03814787\n"), text);
        assertTrue(text.contains("  age      ph.karno -0.2252336 -3.365939 212 0.0009055816  -0.3488134  -0.0939552\n"), text);
    }

    @Test
    void welchAndPooledTTestsEqualR() {
        record Case(String key, TTestParameters parameters, String where) {
        }
        for (Case k : List.of(
                new Case("ttest_age_sex_welch", TTestParameters.welch("age", "sex").withLevels(SEX), null),
                new Case("ttest_age_sex_pooled", TTestParameters.pooled("age", "sex").withLevels(SEX), null),
                new Case("ttest_wtloss_sex_welch", TTestParameters.welch("wt.loss", "sex").withLevels(SEX), null),
                new Case("ttest_age_sex_pooled_age_over_60", TTestParameters.pooled("age", "sex").withLevels(SEX), "age > 60"))) {
            JsonNode r = RChecks.lung(k.key());
            Simulation sim = Simulator.load(LUNG.siteFiles()).run(new TTestMethod(), k.parameters(), k.where());
            TTestResult t = (TTestResult) sim.result();
            assertClose(r.path("statistic"), t.statistic(), RELATIVE, k.key() + " t");
            assertClose(r.path("df"), t.df(), RELATIVE, k.key() + " df");
            assertClose(r.path("p_value"), t.pValue(), RELATIVE, k.key() + " p");
            assertClose(r.path("conf_low"), t.confLow(), RELATIVE, k.key() + " conf.low");
            assertClose(r.path("conf_high"), t.confHigh(), RELATIVE, k.key() + " conf.high");
            assertClose(r.path("estimate").get(0), t.mean()[0], RELATIVE, k.key() + " mean male");
            assertClose(r.path("estimate").get(1), t.mean()[1], RELATIVE, k.key() + " mean female");
            assertEquals(r.path("method").asText(), t.testName());
            assertEquals(3, sim.rounds());
            assertReleases(sim, Set.of("n", "sum", "sum_sq_dev"));
        }
    }

    @Test
    void tTestJsonCarriesRsHtestFieldsAndReadsLikeR() {
        Simulation sim = Simulator.load(LUNG.siteFiles()).run(new TTestMethod(),
                TTestParameters.welch("age", "sex").withLevels(SEX), null);
        JsonNode json = sim.toJson();
        assertEquals("ttest", json.path("method").asText());
        assertEquals(228, json.path("n").asInt());
        JsonNode test = json.path("test");
        for (String field : List.of("statistic", "df", "p_value", "conf_low", "conf_high", "estimate", "method")) {
            assertTrue(test.has(field), field);
        }
        assertEquals("Welch Two Sample t-test", test.path("method").asText());
        assertEquals("[\"mean in group male\",\"mean in group female\"]", test.path("estimate_names").toString());
        assertEquals(138, json.path("groups").get(0).path("n").asInt());
        String text = sim.result().toText();
        assertTrue(text.contains("data:  age by sex\nt = 1.863176, df = 194.7155, p-value = 0.06394336\n"), text);
        assertTrue(text.contains("true difference in means between group male and group female is not equal to 0"), text);
    }

    @Test
    void wrongColumnsAreRefusedWithAClearMessage() {
        UsageException text = assertThrows(UsageException.class, () -> Simulator.load(LUNG.siteFiles())
                .run(new CorrelationMethod(), CorrelationParameters.of("age", "sex"), null));
        assertEquals("correlation: column sex is not numeric at any site (text); a Pearson correlation needs numeric columns",
                text.getMessage());
        UsageException threeGroups = assertThrows(UsageException.class, () -> Simulator.load(LUNG.siteFiles())
                .run(new TTestMethod(), TTestParameters.welch("age", "ecog_grp"), null));
        assertEquals("ttest: group ecog_grp has 3 levels among the rows used (ambulatory, asymptomatic, in_bed); "
                + "a two-sample t-test needs exactly 2 (keep two with --where)", threeGroups.getMessage());
        UsageException factor = assertThrows(UsageException.class, () -> Simulator.load(LUNG.siteFiles())
                .run(new TTestMethod(), TTestParameters.welch("ecog_grp", "sex"), null));
        assertTrue(factor.getMessage().contains("column ecog_grp is not numeric"), factor.getMessage());
    }

    /** Every numeric release is a declared SUM aggregate; labels only in the schema round. */
    private static void assertReleases(Simulation sim, Set<String> numeric) {
        for (List<ReleaseRecord> records : sim.releases().values()) {
            Set<String> names = new TreeSet<>();
            for (ReleaseRecord r : records) {
                if (r.aggregation() == Aggregation.UNION) {
                    assertEquals("schema", r.step());
                    continue;
                }
                assertEquals(Aggregation.SUM, r.aggregation(), r.name());
                names.add(r.name());
            }
            assertEquals(new TreeSet<>(numeric), names);
        }
    }
}
