package org.medfed.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.error.MedfedException;
import org.medfed.method.Contribution;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;

class ReleaseGateTest {
    private final Request request = Request.toAll(3, "iterate", Payload.EMPTY,
            List.of(Quantity.sum("xtwx", "information", 2, 2), Quantity.sum("deviance", "deviance"),
                    Quantity.union("levels", "levels present")));

    private static Contribution contribution(Payload.Builder b) {
        return new Contribution(b.build());
    }

    @Test
    void passesAndRecordsDeclaredQuantities() {
        ReleaseGate gate = new ReleaseGate("b");
        gate.release("job1", request, contribution(Payload.builder().put("xtwx", 1, 2, 2, 5).put("deviance", 7.5)
                .put("levels", List.of("u", "v"))));
        assertEquals(3, gate.released().size());
        assertEquals(List.of("xtwx", "deviance", "levels"), gate.releasedNames());
        assertEquals(7.5, gate.released().get(1).numbers()[0]);
    }

    @Test
    void refusesUndeclaredQuantities() {
        ReleaseGate gate = new ReleaseGate("b");
        MedfedException e = assertThrows(MedfedException.class, () -> gate.release("job1", request,
                contribution(Payload.builder().put("xtwx", 1, 2, 2, 5).put("deviance", 7.5)
                        .put("levels", List.of("u")).put("fitted_values", 0.1, 0.7, 0.4))));
        assertTrue(e.getMessage().contains("site b refused to release in round 3"), e.getMessage());
        assertTrue(e.getMessage().contains("undeclared quantity 'fitted_values'"), e.getMessage());
        assertTrue(gate.released().isEmpty(), "nothing recorded or sent when refused");
    }

    @Test
    void refusesWrongLengthMissingOrWrongKind() {
        ReleaseGate gate = new ReleaseGate("b");
        assertThrows(MedfedException.class, () -> gate.release("j", request,
                contribution(Payload.builder().put("xtwx", 1, 2, 3).put("deviance", 1).put("levels", List.of()))));
        assertThrows(MedfedException.class, () -> gate.release("j", request,
                contribution(Payload.builder().put("xtwx", 1, 2, 2, 5).put("levels", List.of()))));
        assertThrows(MedfedException.class, () -> gate.release("j", request,
                contribution(Payload.builder().put("xtwx", 1, 2, 2, 5).put("deviance", 1).put("levels", 1.0))));
        assertTrue(gate.released().isEmpty());
    }
}
