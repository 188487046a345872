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
import org.medfed.privacy.dp.NoiseRequest;

/**
 * The gate, not the method, decides about single-row values (withheld unless the policy allows
 * extremes and no noise applies) and about small cells of suppressible count vectors (suppressed
 * with complementary suppression, or refused, as {@code small_cells} says).
 */
class ReleaseGateShapingTest {
    private static final JobTicket JOB = new JobTicket("job1", "summary", "lung", "analyst-1", null,
            List.of("a", "b", "c"), null);

    @TempDir
    Path dir;

    private static Request extremesRequest() {
        return Request.toAll(2, "deviations", Payload.EMPTY,
                List.of(Quantity.sum("sum_sq_dev", "ss", 1), Quantity.perSite("extremes", "min, max", 2)));
    }

    private static Contribution extremes() {
        return new Contribution(Payload.builder().put("sum_sq_dev", 12.5).put("extremes", 39, 82).build(),
                Disclosure.of(50, 0).withSingleRowValues("extremes"));
    }

    private static Request histogramRequest(int cells) {
        return Request.toAll(5, "histogram", Payload.EMPTY,
                List.of(Quantity.sum("histogram:age", "bins", cells), Quantity.sum("histogram_suppressed:age", "flags", cells)));
    }

    private static Contribution histogram(double... counts) {
        return new Contribution(Payload.builder().put("histogram:age", counts).put("histogram_suppressed:age",
                new double[counts.length]).build(),
                Disclosure.of(50, 0).withSuppressibleCells("histogram:age", "histogram_suppressed:age"));
    }

    @Test
    void singleRowValuesAreWithheldUnlessThePolicyAllowsExtremes() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog audit = AuditLog.open(file, "b")) {
            ReleaseGate strict = new ReleaseGate("b", ReleasePolicy.defaults(), audit, true);
            Contribution sent = strict.release(JOB, extremesRequest(), extremes());
            assertTrue(Double.isNaN(sent.values().number("extremes")[0]) && Double.isNaN(sent.values().number("extremes")[1]));
            assertEquals(12.5, sent.values().scalar("sum_sq_dev"), "the other quantities leave as they are");
            assertTrue(Double.isNaN(strict.released().get(1).numbers()[0]), "what is recorded is what left");
        }
        assertTrue(Files.readString(file).contains("withheld extremes (single-row values; policy allow_extremes: false)"),
                "the audit record says what was withheld and why");

        ReleaseGate open = new ReleaseGate("b", ReleasePolicy.defaults().withAllowExtremes(true), null, true);
        assertArrayEquals(new double[] {39, 82}, open.release(JOB, extremesRequest(), extremes()).values().number("extremes"));
    }

    @Test
    void noiseCannotProtectASingleRowValueSoItIsWithheldEvenWhereAllowed() {
        JobTicket noised = new JobTicket("job2", "summary", "lung", "analyst-1", null, List.of("a", "b", "c"),
                NoiseRequest.laplace(1));
        Request onlyExtremes = Request.toAll(2, "deviations", Payload.EMPTY, List.of(Quantity.perSite("extremes", "min, max", 2)));
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults().withAllowExtremes(true), null, true);
        Contribution sent = gate.release(noised, onlyExtremes, new Contribution(Payload.builder().put("extremes", 39, 82).build(),
                Disclosure.of(50, 0).withSingleRowValues("extremes")));
        assertTrue(Double.isNaN(sent.values().number("extremes")[0]));
    }

    @Test
    void smallCellsAreSuppressedAndMarked() {
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults(), null, true);
        Contribution sent = gate.release(JOB, histogramRequest(6), histogram(0, 1, 5, 2, 10, 0));
        assertArrayEquals(new double[] {0, 0, 5, 0, 10, 0}, sent.values().number("histogram:age"));
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, sent.values().number("histogram_suppressed:age"));
    }

    @Test
    void suppressedCellsTogetherHoldAtLeastTheMinimumOrTheNextSmallestCellGoesToo() {
        // Alone, the suppressed 1 would be n minus the released cells: the 4 is suppressed with it.
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults(), null, true);
        Contribution sent = gate.release(JOB, histogramRequest(4), histogram(1, 4, 0, 30));
        assertArrayEquals(new double[] {0, 0, 0, 30}, sent.values().number("histogram:age"));
        assertArrayEquals(new double[] {1, 1, 0, 0}, sent.values().number("histogram_suppressed:age"));
    }

    @Test
    void aSiteThatRefusesSmallCellsRefusesNamingTheRule() {
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults().withSmallCells(ReleasePolicy.SmallCells.REFUSE), null, true);
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> gate.release(JOB, histogramRequest(3), histogram(2, 20, 30)));
        assertEquals("site b refused: a released count of 2 < 3 in histogram:age (policy min_cell_count, small_cells: refuse) "
                + "(round 5, histogram)", e.getMessage());
        assertTrue(gate.released().isEmpty());
        assertArrayEquals(new double[] {0, 20, 30}, gate.release(JOB, histogramRequest(3), histogram(0, 20, 30))
                .values().number("histogram:age"), "empty cells are fine");
    }

    @Test
    void onlyTheGateMarksSuppressedCells() {
        ReleaseGate gate = new ReleaseGate("b", ReleasePolicy.defaults(), null, true);
        Contribution forged = new Contribution(Payload.builder().put("histogram:age", 0, 20, 30)
                .put("histogram_suppressed:age", 1, 0, 0).build(),
                Disclosure.of(50, 0).withSuppressibleCells("histogram:age", "histogram_suppressed:age"));
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> gate.release(JOB, histogramRequest(3), forged));
        assertTrue(e.getMessage().contains("must be sent as zeros"), e.getMessage());
    }
}
