package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.methods.km.KmMethod;
import org.medfed.methods.km.KmParameters;
import org.medfed.methods.km.LogrankMethod;
import org.medfed.methods.km.LogrankParameters;

/**
 * Bad survival input gets a message naming the site, file, line and column, or R's behaviour:
 * rows with a missing time or status are left out (survfit's na.omit), a status outside 0/1 or
 * TRUE/FALSE and a negative time are errors, no events at all is R's flat curve for km and an
 * error for the log-rank test, a group without events is simply a flat curve.
 */
class KmBadInputTest {
    @TempDir
    Path dir;

    private Map<String, Path> sites(String header, String... bodies) throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < bodies.length; i++) {
            Path f = dir.resolve("s" + (i + 1) + ".csv");
            Files.writeString(f, header + "\n" + bodies[i]);
            files.put("s" + (i + 1), f);
        }
        return files;
    }

    private static String rows(int from, int n, String status, String group) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(from + i * 3).append(',').append(status == null ? String.valueOf(i % 2) : status).append(',')
                    .append(group).append('\n');
        }
        return b.toString();
    }

    @Test
    void aNegativeTimeNamesSiteFileLineAndColumn() throws Exception {
        Map<String, Path> s = sites("t,e,g", rows(1, 5, null, "a"), rows(2, 5, null, "a") + "-4,1,a\n");
        MedfedException e = assertThrows(MedfedException.class,
                () -> Simulator.load(s).run(new KmMethod(), KmParameters.of("t", "e", null), null));
        assertTrue(e.getMessage().contains("site s2") && e.getMessage().contains("line 7")
                && e.getMessage().contains("column t") && e.getMessage().contains("-4"), e.getMessage());
    }

    @Test
    void aStatusOutsideZeroOneIsAnErrorWithTheRecodingHint() throws Exception {
        Map<String, Path> s = sites("t,e,g", rows(1, 5, null, "a"), rows(2, 4, null, "a") + "9,2,a\n");
        MedfedException e = assertThrows(MedfedException.class,
                () -> Simulator.load(s).run(new KmMethod(), KmParameters.of("t", "e", null), null));
        assertTrue(e.getMessage().contains("site s2") && e.getMessage().contains("column e")
                && e.getMessage().contains("status 2") && e.getMessage().contains("1/2"), e.getMessage());
    }

    @Test
    void logicalStatusAndMissingValuesAreReadAsR() throws Exception {
        // TRUE/FALSE is R's logical status; rows with NA time or status are left out.
        Map<String, Path> logical = sites("t,e,g", "1,TRUE,a\n2,FALSE,a\n3,TRUE,a\nNA,TRUE,a\n",
                "4,TRUE,a\n5,NA,a\n6,FALSE,a\n");
        Map<String, Path> coded = sites("t,e,g", "1,1,a\n2,0,a\n3,1,a\n", "4,1,a\n6,0,a\n");
        JsonNode a = Simulator.load(logical).run(new KmMethod(), KmParameters.of("t", "e", null), null).toJson();
        JsonNode b = Simulator.load(coded).run(new KmMethod(), KmParameters.of("t", "e", null), null).toJson();
        assertEquals(b.path("strata"), a.path("strata"));
        assertEquals(5, a.path("n").asInt());
        // survfit: S = 4/5, 4/5, 4/5 * 2/3, same, 0... checked by hand: times 1..6 without 5.
        assertEquals(0.8, a.path("strata").get(0).path("surv").get(0).asDouble(), 1e-15);
    }

    @Test
    void noEventsAtAllIsAFlatCurveForKmAndAnErrorForTheLogrankTest() throws Exception {
        Map<String, Path> s = sites("t,e,g", rows(1, 5, "0", "a") + rows(2, 5, "0", "b"), rows(3, 5, "0", "a"));
        JsonNode km = Simulator.load(s).run(new KmMethod(), KmParameters.of("t", "e", null), null).toJson();
        JsonNode curve = km.path("strata").get(0);
        assertEquals(1.0, curve.path("surv").get(curve.path("surv").size() - 1).asDouble());
        assertTrue(curve.path("median").isNull(), curve.toString());
        MedfedException e = assertThrows(MedfedException.class,
                () -> Simulator.load(s).run(new LogrankMethod(), LogrankParameters.of("t", "e", "g"), null));
        assertTrue(e.getMessage().contains("no events"), e.getMessage());
    }

    @Test
    void aGroupWithoutEventsIsAFlatCurveAndTheTestStillRuns() throws Exception {
        Map<String, Path> s = sites("t,e,g", rows(1, 6, "1", "a") + rows(2, 6, "0", "b"), rows(3, 6, null, "a"));
        Simulation km = Simulator.load(s).run(new KmMethod(), KmParameters.of("t", "e", "g"), null);
        JsonNode b = km.toJson().path("strata").get(1);
        assertEquals("g=b", b.path("stratum").asText());
        assertEquals(0, b.path("events").asInt());
        JsonNode lr = Simulator.load(s).run(new LogrankMethod(), LogrankParameters.of("t", "e", "g"), null).toJson();
        assertEquals(0, lr.path("observed").get(1).asInt());
        assertTrue(lr.path("chisq").asDouble() > 0);
        assertEquals(1, lr.path("df").asInt());
    }

    @Test
    void aCurveThatReachesZeroHasNoIntervalThereAsInR() throws Exception {
        // R: survfit(Surv(c(1, 2, 3), c(1, 0, 1)) ~ 1): surv 2/3, 2/3, 0; std.err 0.408, 0.408, Inf;
        // limits NA at 0; median 3, 0.95LCL 1, 0.95UCL NA.
        Map<String, Path> s = sites("t,e", "1,1\n", "2,0\n", "3,1\n");
        JsonNode c = Simulator.load(s).run(new KmMethod(), KmParameters.of("t", "e", null), null).toJson()
                .path("strata").get(0);
        assertEquals(0.0, c.path("surv").get(2).asDouble());
        assertEquals(Math.sqrt(0.5 / 3), c.path("std_err").get(0).asDouble(), 1e-15);
        assertTrue(c.path("std_err").get(2).isNull() && c.path("conf_low").get(2).isNull() && c.path("conf_high").get(2).isNull(),
                c.toString());
        assertEquals(0.2995071, c.path("conf_low").get(0).asDouble(), 1e-7);
        assertEquals(3.0, c.path("median").asDouble());
        assertEquals(1.0, c.path("median_conf_low").asDouble());
        assertTrue(c.path("median_conf_high").isNull(), c.toString());
    }

    @Test
    void aCurveAtExactlyOneHalfHasTheMidpointMedianAsPrintSurvfit() throws Exception {
        // R: print(survfit(Surv(1:6, c(1, 1, 1, 1, 0, 1)) ~ 1)): median 3.5, 0.95LCL 2, 0.95UCL NA.
        Map<String, Path> s = sites("t,e", "1,1\n2,1\n", "3,1\n4,1\n", "5,0\n6,1\n");
        JsonNode c = Simulator.load(s).run(new KmMethod(), KmParameters.of("t", "e", null), null).toJson()
                .path("strata").get(0);
        assertEquals(0.5, c.path("surv").get(2).asDouble(), 1e-15);
        assertEquals(3.5, c.path("median").asDouble());
        assertEquals(2.0, c.path("median_conf_low").asDouble());
        assertTrue(c.path("median_conf_high").isNull(), c.toString());
    }

    @Test
    void missingColumnsAndOptionsAreNamed() throws Exception {
        Map<String, Path> s = sites("t,e,g", rows(1, 5, null, "a"), rows(2, 5, null, "a"));
        MedfedException e = assertThrows(MedfedException.class,
                () -> Simulator.load(s).run(new KmMethod(), KmParameters.of("t", "status", null), null));
        assertTrue(e.getMessage().contains("column status") && e.getMessage().contains("no such column"), e.getMessage());
        UsageException u = assertThrows(UsageException.class, () -> LogrankParameters.of("t", "e", null));
        assertTrue(u.getMessage().contains("--group"), u.getMessage());
        UsageException c = assertThrows(UsageException.class, () -> KmParameters.of("t", "e", null).withConfLevel(1.5));
        assertTrue(c.getMessage().contains("--conf-level"), c.getMessage());
    }
}
