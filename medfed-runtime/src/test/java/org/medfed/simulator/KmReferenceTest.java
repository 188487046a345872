package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.methods.km.KmMethod;
import org.medfed.methods.km.KmParameters;
import org.medfed.methods.km.LogrankMethod;
import org.medfed.methods.km.LogrankParameters;

/**
 * Kaplan–Meier and log-rank on lung over three simulated sites against R's {@code survfit} and
 * {@code survdiff} on the pooled rows (cox-lung: km_by_sex, km_overall, logrank_by_sex): every
 * time, count, survival value, standard error and interval limit, the medians and their limits,
 * χ², its p-value, observed and expected events.
 */
public class KmReferenceTest {
    public static final ReferenceCase LUNG = ReferenceCase.load("cox-lung");
    static final double TOL = 1e-6;
    public static final Map<String, List<String>> SEX = Map.of("sex", List.of("male", "female"));

    @Test
    void kaplanMeierBySexEqualsSurvfit() {
        Simulation sim = Simulator.load(LUNG.siteFiles()).withSecureAggregation(true)
                .run(new KmMethod(), KmParameters.of("time", "status", "sex").withLevels(SEX), null);
        JsonNode json = sim.toJson();
        assertStrata(LUNG.analysis("km_by_sex").path("strata"), json.path("strata"));
        assertTrue(json.path("privacy").path("reveals").asText().contains("event and censoring times"),
                json.path("privacy").toString());
        assertTrue(json.path("privacy").path("secure_aggregation").asBoolean());
        String text = sim.result().toText();
        assertTrue(text.contains("sex=male") && text.contains("0.95LCL"), text);
    }

    @Test
    void kaplanMeierOverallEqualsSurvfit() {
        Simulation sim = Simulator.load(LUNG.siteFiles())
                .run(new KmMethod(), KmParameters.of("time", "status", null), null);
        assertStrata(LUNG.analysis("km_overall").path("strata"), sim.toJson().path("strata"));
    }

    @Test
    void logrankBySexEqualsSurvdiff() {
        Simulation sim = Simulator.load(LUNG.siteFiles()).withSecureAggregation(true)
                .run(new LogrankMethod(), LogrankParameters.of("time", "status", "sex").withLevels(SEX), null);
        JsonNode json = sim.toJson();
        JsonNode r = LUNG.analysis("logrank_by_sex");
        assertEquals(r.path("groups"), json.path("groups"));
        for (String key : List.of("n", "observed", "expected")) {
            for (int i = 0; i < 2; i++) {
                close(r.path(key).get(i).asDouble(), json.path(key).get(i).asDouble(), key + "[" + i + "]");
            }
        }
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                close(r.path("var").get(i).get(j).asDouble(), json.path("var").get(i).get(j).asDouble(), "var");
            }
        }
        close(r.path("chisq").asDouble(), json.path("chisq").asDouble(), "chisq");
        close(r.path("p_value").asDouble(), json.path("p_value").asDouble(), "p_value");
        assertEquals(r.path("df").asInt(), json.path("df").asInt());
        assertTrue(sim.result().toText().contains("Chisq= 10  on 1 degrees of freedom"), sim.result().toText());
    }

    @Test
    void whereKeepsOnlyTheFilteredRows() {
        // R: survfit(Surv(time, status) ~ 1, data = subset(d, sex == "female")) is the sex=female stratum.
        Simulation female = Simulator.load(LUNG.siteFiles())
                .run(new KmMethod(), KmParameters.of("time", "status", null), "sex == 'female'");
        JsonNode ours = female.toJson().path("strata").get(0);
        JsonNode r = LUNG.analysis("km_by_sex").path("strata").path("sex=female");
        assertEquals(r.path("time").size(), ours.path("time").size());
        for (int i = 0; i < r.path("time").size(); i++) {
            close(r.path("surv").get(i).asDouble(), ours.path("surv").get(i).asDouble(), "surv[" + i + "]");
            close(r.path("upper").get(i).asDouble(), ours.path("conf_high").get(i).asDouble(), "upper[" + i + "]");
        }
        assertEquals("sex == 'female'", female.toJson().path("where").asText());
    }

    /** Every stratum of R's survfit against ours, value by value. */
    public static void assertStrata(JsonNode expected, JsonNode strata) {
        assertEquals(expected.size(), strata.size());
        int s = 0;
        for (JsonNode r : expected) {
            JsonNode ours = strata.get(s++);
            String name = r.path("stratum").asText();
            assertEquals(name, ours.path("stratum").asText());
            Map<String, String> arrays = Map.of("time", "time", "n_risk", "n_risk", "n_event", "n_event",
                    "n_censor", "n_censor", "surv", "surv", "std_err", "std_err", "lower", "conf_low", "upper", "conf_high");
            arrays.forEach((rKey, key) -> {
                assertEquals(r.path(rKey).size(), ours.path(key).size(), name + " " + key + " length");
                for (int i = 0; i < r.path(rKey).size(); i++) {
                    close(r.path(rKey).get(i).asDouble(), ours.path(key).get(i).asDouble(), name + " " + key + "[" + i + "]");
                }
            });
            close(r.path("median").asDouble(), ours.path("median").asDouble(), name + " median");
            close(r.path("median_lower_0.95").asDouble(), ours.path("median_conf_low").asDouble(), name + " median low");
            close(r.path("median_upper_0.95").asDouble(), ours.path("median_conf_high").asDouble(), name + " median high");
            close(r.path("n").asDouble(), ours.path("n").asDouble(), name + " n");
            close(r.path("events").asDouble(), ours.path("events").asDouble(), name + " events");
        }
    }

    public static void close(double expected, double actual, String what) {
        double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
        assertTrue(Math.abs(actual - expected) <= TOL * scale, what + ": expected " + expected + ", got " + actual);
    }
}
