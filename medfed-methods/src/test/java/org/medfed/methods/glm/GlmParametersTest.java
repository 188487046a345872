package org.medfed.methods.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.error.UsageException;
import org.medfed.methods.evaluation.EvaluationParameters;

class GlmParametersTest {

    @Test
    void roundTripsThroughJsonSoAJobCanBeSentToAHub() throws Exception {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        levels.put("race", List.of("white", "black", "other"));
        levels.put("factor(cyl)", List.of("4", "6", "8"));
        GlmParameters p = GlmParameters.of("low ~ age + race", "binomial").withWeights("w").withLevels(levels)
                .withControl(1e-10, 50).withConfLevel(0.9);
        ObjectMapper json = new ObjectMapper();
        GlmParameters back = json.readValue(json.writeValueAsString(p), GlmParameters.class);
        assertEquals(p, back);
        assertEquals(List.of("race", "factor(cyl)"), List.copyOf(back.levels().keySet()), "level orders keep their order");
    }

    @Test
    void evaluationOptionsTravelWithTheJobAndAJobWithoutThemKeepsItsJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        GlmParameters plain = GlmParameters.of("low ~ age", "binomial");
        assertFalse(json.writeValueAsString(plain).contains("evaluate"), json.writeValueAsString(plain));
        GlmParameters evaluated = plain.withEvaluation(new EvaluationParameters(8, 1 << 12));
        GlmParameters back = json.readValue(json.writeValueAsString(evaluated), GlmParameters.class);
        assertEquals(evaluated, back);
        assertEquals(8, back.evaluate().groups());
        assertEquals(4096, back.evaluate().histogramBins());
        assertNull(json.readValue(json.writeValueAsString(plain), GlmParameters.class).evaluate());
    }

    @Test
    void defaultsAreRs() {
        GlmParameters p = new GlmParameters("y ~ x", "poisson", null, null, 0, 0, 0);
        assertEquals(0.95, p.confLevel());
        assertEquals(1e-8, p.epsilon());
        assertEquals(25, p.maxit());
        assertEquals(Map.of(), p.levels());
    }

    @Test
    void unknownFamilyIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> GlmFamily.named("gamma"));
        assertEquals("unknown family 'gamma' (available: binomial, gaussian, poisson)", e.getMessage());
    }
}
