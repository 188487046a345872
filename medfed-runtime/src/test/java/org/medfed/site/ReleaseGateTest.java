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

    private static final JobTicket JOB = new JobTicket("job1", "glm", "birthwt", "analyst-1", null);

    private static Contribution contribution(Payload.Builder b) {
        return new Contribution(b.build(), 50, 2);
    }

    @Test
    void passesAndRecordsDeclaredQuantities() {
        ReleaseGate gate = new ReleaseGate("b");
        gate.release(JOB, request, contribution(Payload.builder().put("xtwx", 1, 2, 2, 5).put("deviance", 7.5)
                .put("levels", List.of("u", "v"))));
        assertEquals(3, gate.released().size());
        assertEquals(List.of("xtwx", "deviance", "levels"), gate.releasedNames());
        assertEquals(7.5, gate.released().get(1).numbers()[0]);
    }

    @Test
    void refusesUndeclaredQuantities() {
        ReleaseGate gate = new ReleaseGate("b");
        MedfedException e = assertThrows(MedfedException.class, () -> gate.release(JOB, request,
                contribution(Payload.builder().put("xtwx", 1, 2, 2, 5).put("deviance", 7.5)
                        .put("levels", List.of("u")).put("fitted_values", 0.1, 0.7, 0.4))));
        assertTrue(e.getMessage().startsWith("site b refused: "), e.getMessage());
        assertTrue(e.getMessage().contains("undeclared quantity 'fitted_values'"), e.getMessage());
        assertTrue(gate.released().isEmpty(), "nothing recorded or sent when refused");
    }

    @Test
    void refusesWrongLengthMissingOrWrongKind() {
        ReleaseGate gate = new ReleaseGate("b");
        assertThrows(MedfedException.class, () -> gate.release(JOB, request,
                contribution(Payload.builder().put("xtwx", 1, 2, 3).put("deviance", 1).put("levels", List.of()))));
        assertThrows(MedfedException.class, () -> gate.release(JOB, request,
                contribution(Payload.builder().put("xtwx", 1, 2, 2, 5).put("levels", List.of()))));
        assertThrows(MedfedException.class, () -> gate.release(JOB, request,
                contribution(Payload.builder().put("xtwx", 1, 2, 2, 5).put("deviance", 1).put("levels", 1.0))));
        assertTrue(gate.released().isEmpty());
    }

    @Test
    void policyRefusesTooFewRowsNamingSiteAndRule() {
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults(), null, true);
        Payload ok = Payload.builder().put("xtwx", 1, 2, 2, 5).put("deviance", 7.5).put("levels", List.of("u")).build();
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> gate.release(JOB, request, new Contribution(ok, 4, 2)));
        assertEquals("site b refused: 4 rows < 10 (policy min_rows) (round 3, iterate)", e.getMessage());
        assertEquals("b", e.site());
        gate.release(JOB, request, new Contribution(ok, 10, 2));
        assertEquals(3, gate.released().size(), "exactly the minimum passes");
    }

    @Test
    void policyRefusesSaturatedModels() {
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults(), null, true);
        Payload ok = Payload.builder().put("xtwx", 1, 2, 2, 5).put("deviance", 7.5).put("levels", List.of("u")).build();
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> gate.release(JOB, request, new Contribution(ok, 30, 10)));
        assertTrue(e.getMessage().contains("10 parameters for 30 rows: ratio 0.333 > 0.33 (policy max_parameters_ratio)"),
                e.getMessage());
        gate.release(JOB, request, new Contribution(ok, 100, 33));
        assertEquals(3, gate.released().size(), "33 parameters for 100 rows is at the limit and passes");
    }

    @Test
    void policyRefusesMethodsNotAllowed() {
        ReleaseGate gate = new ReleaseGate("b", new ReleasePolicy(java.util.Set.of("summary"), 10, 0.33,
                ReleasePolicy.Approval.AUTO), null, true);
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> gate.admit(JOB));
        assertEquals("site b refused: method glm is not allowed (policy allowed_methods: summary)", e.getMessage());
    }
}
