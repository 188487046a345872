package org.medfed.methods.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.error.UsageException;
import org.medfed.methods.Invocation;
import org.medfed.methods.admm.AdmmControl;

/**
 * An svm job as it travels to a hub: its parameters, warm start included, survive the JSON round
 * trip; a job written without the optional fields gets the defaults; a warm start is checked
 * against the formula, and a result document that is not an svm fit is refused.
 */
class SvmParametersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aJobSurvivesTheJsonRoundTrip() {
        SvmParameters.WarmStart ws = new SvmParameters.WarmStart("prev.json", "low ~ age + smoke",
                List.of("(Intercept)", "age", "smoke"), new double[] {-0.5, 0.01, 0.3}, "1", 57, 4);
        SvmParameters p = SvmParameters.of("low ~ age + smoke", 0.5).withBias(2).withPositive("1")
                .withLevels(Map.of("race", List.of("white", "black"))).withStandardize(false)
                .withAdmm(new AdmmControl(2, 1e-9, 1e-7, 300, 1.5, true)).withWarmStart(ws);
        Invocation<?> back = Invocation.parse("svm", Invocation.of(new SvmMethod(), p).parametersJson());
        SvmParameters q = (SvmParameters) back.parameters();
        assertEquals(p.formula(), q.formula());
        assertEquals(0.5, q.cost());
        assertEquals(2, q.bias());
        assertEquals("1", q.positive());
        assertEquals(p.levels(), q.levels());
        assertEquals(false, q.standardize());
        assertEquals(p.admm(), q.admm());
        assertEquals(ws.terms(), q.warmStart().terms());
        assertArrayEquals(ws.estimates(), q.warmStart().estimates());
        assertEquals(57, q.warmStart().iterations());
        assertEquals(4, q.warmStart().rho());
    }

    @Test
    void missingFieldsTakeTheDefaults() {
        SvmParameters q = (SvmParameters) Invocation.parse("svm", "{\"formula\": \"low ~ age\", \"cost\": 1}").parameters();
        assertEquals(SvmParameters.DEFAULT_BIAS, q.bias());
        assertTrue(q.standardize());
        assertEquals(new AdmmControl(0, 0, 0, 0, 0, true), q.admm(), "the engine's defaults with residual balancing on");
        assertNull(q.warmStart());
        assertNull(q.positive());
    }

    @Test
    void warmStartsAreChecked() throws Exception {
        SvmParameters.WarmStart other = new SvmParameters.WarmStart("prev.json", "low ~ age", List.of("(Intercept)", "age"),
                new double[] {0, 1}, "1", 3, 1);
        UsageException formula = assertThrows(UsageException.class,
                () -> SvmParameters.of("low ~ age + smoke", 1).withWarmStart(other));
        assertTrue(formula.getMessage().contains("needs the same formula"), formula.getMessage());
        assertThrows(UsageException.class, () -> new SvmParameters.WarmStart("p", "low ~ age", List.of("age"),
                new double[] {Double.NaN}, "1", 1, 1));
        assertThrows(UsageException.class, () -> new SvmParameters.WarmStart("p", "low ~ age", List.of("age"),
                new double[] {1, 2}, "1", 1, 1));
        UsageException glm = assertThrows(UsageException.class, () -> WarmStarts.fromResult(
                JSON.readTree("{\"method\": \"glm\", \"formula\": \"low ~ age\"}"), "glm.json"));
        assertTrue(glm.getMessage().contains("not an svm result"), glm.getMessage());
        SvmParameters.WarmStart read = WarmStarts.fromResult(JSON.readTree("{\"method\": \"svm\", \"formula\": \"low ~ age\","
                + " \"coefficients\": [{\"term\": \"(Intercept)\", \"estimate\": -1}, {\"term\": \"age\", \"estimate\": 0.5}],"
                + " \"classes\": {\"positive\": \"1\"}, \"iterations\": 12, \"admm\": {\"rho\": 2}}"), "r.json");
        assertEquals(List.of("(Intercept)", "age"), read.terms());
        assertArrayEquals(new double[] {-1, 0.5}, read.estimates());
        assertEquals(12, read.iterations());
        assertEquals(2, read.rho());
    }
}
