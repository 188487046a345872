package org.medfed.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.audit.AuditLog;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.RiskSets;

/**
 * The gate holds declared survival releases to the site's minimum risk set: time labels at a
 * small risk set are dropped, each group's counts are cut into a censoring at its last time with
 * enough rows at risk and marked, or the release is refused; the method cannot mark cuts itself.
 */
class RiskSetGateTest {
    private static final JobTicket JOB = new JobTicket("job1", "km", "lung", "analyst-1", null, List.of("a", "b", "c"), null);

    @TempDir
    Path dir;

    private static Request times() {
        return Request.toAll(1, "times", Payload.EMPTY, List.of(Quantity.union("times", "times")));
    }

    private static Request counts(int groups, int times) {
        return Request.toAll(2, "counts", Payload.EMPTY, List.of(Quantity.sum("events", "e", groups, times),
                Quantity.sum("censored", "c", groups, times), Quantity.perSite("censored_at", "m", groups, times)));
    }

    private static Contribution counts(double[] e, double[] c, double[] marks, double[] offGrid) {
        return new Contribution(Payload.builder().put("events", e).put("censored", c).put("censored_at", marks).build(),
                Disclosure.of(20, 0).withRiskSets(RiskSets.ofCounts("events", "censored", "censored_at", offGrid)));
    }

    @Test
    void labelsAtASmallRiskSetAreWithheldAndAudited() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog audit = AuditLog.open(file, "b")) {
            ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults(), audit, true);
            Contribution sent = gate.release(JOB, times(), new Contribution(Payload.builder()
                    .put("times", List.of("1.0", "5.0", "9.0", "12.0")).build(),
                    Disclosure.of(20, 0).withRiskSets(RiskSets.ofLabels("times", new double[] {20, 3, 2, 1}))));
            assertEquals(List.of("1.0", "5.0"), sent.values().label("times"));
        }
        assertTrue(Files.readString(file).contains("withheld 2 times of times where the site's risk set is below 3"));
    }

    @Test
    void countsAreCutIntoACensoringAtTheLastTimeWithEnoughRowsAtRisk() {
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults(), null, true);
        // Group 0 at times 0..4: rows 4, 1, 0, 1, 1 (risk sets 7, 3, 2, 2, 1): cut after time 1.
        // Group 1: rows 2, 0, 0, 0, 0 (a group of 2 < 3): withheld.
        double[] e = {3, 1, 0, 1, 0, 1, 0, 0, 0, 0};
        double[] c = {1, 0, 0, 0, 1, 1, 0, 0, 0, 0};
        Contribution sent = gate.release(JOB, counts(2, 5), counts(e, c, new double[10], null));
        assertArrayEquals(new double[] {3, 1, 0, 0, 0, 0, 0, 0, 0, 0}, sent.values().number("events"));
        assertArrayEquals(new double[] {1, 2, 0, 0, 0, 0, 0, 0, 0, 0}, sent.values().number("censored"));
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, sent.values().number("censored_at"));

        ReleaseGate open = new ReleaseGate("b", ReleasePolicy.defaults().withMinCellCount(1), null, true);
        assertArrayEquals(e, open.release(JOB, counts(2, 5), counts(e, c, new double[10], null)).values().number("events"));
    }

    @Test
    void rowsTheMethodPlacedBeforeAWithheldTimeAreMarkedAsCut() {
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults(), null, true);
        double[] offGrid = {0, 2, 0};
        Contribution sent = gate.release(JOB, counts(1, 3), counts(new double[] {3, 0, 0}, new double[] {0, 3, 0},
                new double[3], offGrid));
        assertArrayEquals(new double[] {0, 1, 0}, sent.values().number("censored_at"));
    }

    @Test
    void refusalAndMarksSentByTheMethod() {
        ReleaseGate refuse = new ReleaseGate("b", ReleasePolicy.defaults().withSmallCells(ReleasePolicy.SmallCells.REFUSE),
                null, true);
        ReleaseRefusedException r = assertThrows(ReleaseRefusedException.class, () -> refuse.release(JOB, counts(1, 3),
                counts(new double[] {3, 1, 1}, new double[3], new double[3], null)));
        assertTrue(r.getMessage().contains("a risk set of 1 < 3 in events (policy min_cell_count, small_cells: refuse)"),
                r.getMessage());
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults(), null, true);
        ReleaseRefusedException m = assertThrows(ReleaseRefusedException.class, () -> gate.release(JOB, counts(1, 3),
                counts(new double[] {3, 1, 1}, new double[3], new double[] {0, 1, 0}, null)));
        assertTrue(m.getMessage().contains("must be sent as zeros"), m.getMessage());
    }
}
