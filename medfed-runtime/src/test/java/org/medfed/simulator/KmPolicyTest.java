package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;
import org.medfed.methods.km.KmMethod;
import org.medfed.methods.km.KmParameters;
import org.medfed.methods.km.LogrankMethod;
import org.medfed.methods.km.LogrankParameters;
import org.medfed.site.ReleasePolicy;
import org.medfed.site.ReleaseRecord;

/**
 * Kaplan–Meier and log-rank on lung under real site policies. With {@code min_cell_count: 1}
 * nothing is cut and the result is R's. Under the default policy ({@code min_cell_count: 3},
 * {@code small_cells: suppress}) each site's gate censors each sex's follow-up at the site's last
 * time with at least 3 rows at risk: the result equals the exact computation on site files where
 * those tails are censored there, no released counts imply a risk set of 1 or 2 at any site, and
 * the privacy block names every cut. With {@code small_cells: refuse} the site refuses.
 */
class KmPolicyTest {
    private static final ReferenceCase LUNG = KmReferenceTest.LUNG;
    private static final KmParameters KM = KmParameters.of("time", "status", "sex").withLevels(KmReferenceTest.SEX);

    @TempDir
    Path dir;

    private static Map<String, ReleasePolicy> every(ReleasePolicy p) {
        Map<String, ReleasePolicy> m = new LinkedHashMap<>();
        LUNG.siteFiles().keySet().forEach(s -> m.put(s, p));
        return m;
    }

    @Test
    void minimumCellCountOneReleasesEverythingAndGivesRsNumbers() {
        Simulation sim = Simulator.load(LUNG.siteFiles()).withPolicies(every(ReleasePolicy.defaults().withMinCellCount(1)))
                .withSecureAggregation(true).run(new KmMethod(), KM, null);
        JsonNode json = sim.toJson();
        KmReferenceTest.assertStrata(LUNG.analysis("km_by_sex").path("strata"), json.path("strata"));
        assertEquals(0, json.path("privacy").path("risk_set_cuts").size());
    }

    @Test
    void theDefaultPolicyCensorsEachSitesTailWhereItsRiskSetFallsBelowThree() throws Exception {
        Simulation sim = Simulator.load(LUNG.siteFiles()).withPolicies(every(ReleasePolicy.defaults()))
                .withSecureAggregation(true).run(new KmMethod(), KM, null);
        Simulation expected = Simulator.load(censoredTails(3)).run(new KmMethod(), KM, null);
        JsonNode ours = sim.toJson().path("strata");
        JsonNode exact = expected.toJson().path("strata");
        for (int s = 0; s < 2; s++) {
            for (String key : List.of("time", "n_risk", "n_event", "n_censor", "surv", "std_err", "conf_low", "conf_high")) {
                assertEquals(exact.get(s).path(key), ours.get(s).path(key), key);
            }
            assertEquals(exact.get(s).path("median"), ours.get(s).path("median"));
        }
        JsonNode cuts = sim.toJson().path("privacy").path("risk_set_cuts");
        assertEquals(6, cuts.size(), cuts.toString());
        assertTrue(sim.toJson().path("privacy").path("notes").toString().contains("site site1: sex=male follow-up censored at time"),
                sim.toJson().path("privacy").toString());
        assertTrue(sim.result().toText().contains("Note: site site2"), sim.result().toText());
        for (String site : LUNG.siteFiles().keySet()) {
            double[] events = released(sim, site, "events");
            double[] censored = released(sim, site, "censored");
            int times = events.length / 2;
            for (int g = 0; g < 2; g++) {
                double atRisk = 0;
                for (int k = times - 1; k >= 0; k--) {
                    atRisk += events[g * times + k] + censored[g * times + k];
                    assertTrue(atRisk == 0 || atRisk >= 3, site + " releases a risk set of " + atRisk);
                }
            }
        }
        // The median is far from the tails: the same as R's on all rows.
        assertEquals(270.0, ours.get(0).path("median").asDouble());
        assertEquals(426.0, ours.get(1).path("median").asDouble());
    }

    @Test
    void theLogrankTestUnderTheDefaultPolicyIsTheExactTestOnTheCutData() throws Exception {
        LogrankParameters p = LogrankParameters.of("time", "status", "sex").withLevels(KmReferenceTest.SEX);
        Simulation sim = Simulator.load(LUNG.siteFiles()).withPolicies(every(ReleasePolicy.defaults()))
                .withSecureAggregation(true).run(new LogrankMethod(), p, null);
        Simulation expected = Simulator.load(censoredTails(3)).run(new LogrankMethod(), p, null);
        assertEquals(expected.toJson().path("chisq"), sim.toJson().path("chisq"));
        assertEquals(expected.toJson().path("observed"), sim.toJson().path("observed"));
    }

    @Test
    void refusePolicyRefusesTheTimesOfASmallRiskSet() {
        MedfedException e = assertThrows(MedfedException.class, () -> Simulator.load(LUNG.siteFiles())
                .withPolicies(every(ReleasePolicy.defaults().withSmallCells(ReleasePolicy.SmallCells.REFUSE)))
                .run(new KmMethod(), KM, null));
        assertTrue(e.getMessage().contains("risk set of") && e.getMessage().contains("small_cells: refuse"), e.getMessage());
    }

    private static double[] released(Simulation sim, String site, String name) {
        for (ReleaseRecord r : sim.releases().get(site)) {
            if (r.name().equals(name)) {
                return r.numbers();
            }
        }
        throw new AssertionError(site + " released no " + name);
    }

    /**
     * The site files with each sex's tail censored as the gate rule says, written independently
     * of it: per site and sex, the last time with at least {@code min} rows at or after it; rows
     * after it become censored at it (a group smaller than {@code min} is left out).
     */
    private Map<String, Path> censoredTails(int min) throws Exception {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> site : LUNG.siteFiles().entrySet()) {
            List<String> lines = Files.readAllLines(site.getValue());
            List<String> header = List.of(lines.get(0).split(","));
            int t = header.indexOf("time");
            int st = header.indexOf("status");
            int sx = header.indexOf("sex");
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(line.split(",", -1));
            }
            Map<String, Double> cut = new LinkedHashMap<>();
            for (String[] r : rows) {
                double time = Double.parseDouble(r[t]);
                long atRisk = rows.stream().filter(o -> o[sx].equals(r[sx]) && Double.parseDouble(o[t]) >= time).count();
                if (atRisk >= min) {
                    cut.merge(r[sx], time, Math::max);
                }
            }
            StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
            for (String[] r : rows) {
                Double c = cut.get(r[sx]);
                if (c == null) {
                    continue;
                }
                if (Double.parseDouble(r[t]) > c) {
                    r[t] = String.valueOf(c.longValue());
                    r[st] = "0";
                }
                csv.append(String.join(",", r)).append('\n');
            }
            Path f = dir.resolve(site.getKey() + "-cut.csv");
            Files.writeString(f, csv);
            out.put(site.getKey(), f);
        }
        return out;
    }
}
