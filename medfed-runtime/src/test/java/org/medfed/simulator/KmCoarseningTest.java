package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.agent.DatasetSpec;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.methods.km.KmMethod;
import org.medfed.methods.km.KmParameters;
import org.medfed.methods.km.LogrankMethod;
import org.medfed.methods.km.LogrankParameters;

/**
 * Sites that coarsen time to weeks ({@code coarsen: {time: 7}} in site.yaml, applied as the
 * dataset loads): Kaplan–Meier and log-rank equal R's {@code survfit}/{@code survdiff} on the
 * pooled rows with {@code time <- ceiling(time / 7) * 7} ({@code r-checks/km-coarsened.R}), and
 * the result's privacy block says which sites coarsened.
 */
class KmCoarseningTest {
    private static final JsonNode R = read();

    private static JsonNode read() {
        return RChecks.read("km-coarsened.json");
    }

    static Map<String, Table> weeks() {
        Map<String, Table> tables = new LinkedHashMap<>();
        KmReferenceTest.LUNG.siteFiles().forEach((site, file) -> tables.put(site,
                DatasetSpec.file("lung", file).withCoarsening(Map.of("time", 7.0)).read(site)));
        return tables;
    }

    @Test
    void kaplanMeierOnWeeksEqualsSurvfitOnCoarsenedRows() {
        Simulation sim = new Simulator(weeks()).withSecureAggregation(true).run(new KmMethod(),
                KmParameters.of("time", "status", "sex").withLevels(KmReferenceTest.SEX), null);
        JsonNode json = sim.toJson();
        KmReferenceTest.assertStrata(R.path("km_by_sex").path("strata"), json.path("strata"));
        JsonNode coarsening = json.path("privacy").path("coarsening");
        assertEquals(3, coarsening.size(), coarsening.toString());
        assertEquals(7.0, coarsening.get(0).path("multiple_of").asDouble());
        assertTrue(json.path("privacy").path("notes").toString().contains("site site1 coarsened time to multiples of 7"),
                json.path("privacy").toString());
    }

    @Test
    void logrankOnWeeksEqualsSurvdiffOnCoarsenedRows() {
        Simulation sim = new Simulator(weeks()).run(new LogrankMethod(),
                LogrankParameters.of("time", "status", "sex").withLevels(KmReferenceTest.SEX), null);
        JsonNode json = sim.toJson();
        JsonNode r = R.path("logrank_by_sex");
        KmReferenceTest.close(r.path("chisq").asDouble(), json.path("chisq").asDouble(), "chisq");
        KmReferenceTest.close(r.path("p_value").asDouble(), json.path("p_value").asDouble(), "p");
        for (int i = 0; i < 2; i++) {
            KmReferenceTest.close(r.path("expected").get(i).asDouble(), json.path("expected").get(i).asDouble(), "expected");
        }
    }

    @Test
    void coarseningATextColumnOrWithABadStepIsAnError() {
        var file = KmReferenceTest.LUNG.siteFiles().get("site1");
        DataException text = assertThrows(DataException.class,
                () -> DatasetSpec.file("lung", file).withCoarsening(Map.of("sex", 7.0)).read("site1"));
        assertTrue(text.getMessage().contains("column sex") && text.getMessage().contains("not numeric"), text.getMessage());
        DataException step = assertThrows(DataException.class,
                () -> DatasetSpec.file("lung", file).withCoarsening(Map.of("time", 0.0)).read("site1"));
        assertTrue(step.getMessage().contains("positive"), step.getMessage());
    }
}
