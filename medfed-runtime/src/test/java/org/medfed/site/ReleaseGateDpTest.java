package org.medfed.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.audit.AuditLog;
import org.medfed.audit.AuditReader;
import org.medfed.audit.AuditRecord;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.Sensitivity;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.privacy.dp.BudgetLimit;
import org.medfed.privacy.dp.NoiseRequest;

/** The release gate's differential-privacy step: which releases are noised, how much, and what is charged. */
class ReleaseGateDpTest {
    private static final int COLUMNS = 2000;

    @TempDir
    Path dir;

    /** A round releasing counts (sensitivity 1) and sums of values clipped to [-5, 5] over 2,000 columns. */
    private static Request request(int round) {
        return Request.toAll(round, "sums", Payload.EMPTY, List.of(Quantity.sum("n", "counts", COLUMNS),
                Quantity.sum("sum", "sums of clipped values", COLUMNS), Quantity.union("levels", "levels present")));
    }

    private static Contribution contribution(boolean withBounds) {
        double[] n = new double[COLUMNS];
        double[] sum = new double[COLUMNS];
        java.util.Arrays.fill(n, 40);
        java.util.Arrays.fill(sum, 100);
        Disclosure d = Disclosure.of(40, 0);
        if (withBounds) {
            d = d.withSensitivity("n", Sensitivity.bounded(1, COLUMNS)).withSensitivity("sum", Sensitivity.bounded(5, COLUMNS));
        }
        return new Contribution(Payload.builder().put("n", n).put("sum", sum).put("levels", List.of("a")).build(), d);
    }

    private static JobTicket job(String id, NoiseRequest noise) {
        return new JobTicket(id, "summary", "births", "alice", null, List.of("a", "b", "c"), noise);
    }

    private ReleaseGate gate(DpPolicy dp, BudgetLedger ledger, AuditLog audit) {
        ReleasePolicy policy = ReleasePolicy.permissive().withDp(dp);
        return new ReleaseGate("b", policy, audit, true, SubsetStore.inMemory(), ledger);
    }

    private BudgetLedger ledger(double epsilon) {
        return BudgetLedger.open(dir.resolve("ledger.json"), Map.of("births", new BudgetLimit(epsilon, 1e-6)));
    }

    private static DpPolicy budgetOnly(double epsilon) {
        return DpPolicy.none().withBudget("births", new BudgetLimit(epsilon, 1e-6));
    }

    @Test
    void withoutARequestOrRuleNothingIsNoised() {
        try (BudgetLedger ledger = ledger(3)) {
            ReleaseGate gate = gate(budgetOnly(3), ledger, null);
            Contribution out = gate.release(job("1", null), request(0), contribution(true));
            assertArrayEquals(contribution(true).values().number("sum"), out.values().number("sum"));
            assertTrue(gate.noiseNotes("1").isEmpty());
            assertTrue(ledger.entries().isEmpty());
        }
    }

    @Test
    void laplaceNoiseIsCalibratedFromTheCombinedSensitivityAndCharged() {
        try (BudgetLedger ledger = ledger(3)) {
            ReleaseGate gate = gate(budgetOnly(3), ledger, null);
            Contribution out = gate.release(job("1", NoiseRequest.laplace(1)), request(0), contribution(true));
            // One row changes all 2,000 counts by 1 and all 2,000 sums by up to 5: L1 = 12,000.
            double b = 12_000;
            NoiseNote note = gate.noiseNotes("1").get(0);
            assertEquals("laplace", note.report().mechanism());
            assertEquals(b, note.report().sensitivity(), 1e-9);
            assertTrue(note.report().scale() >= b && note.report().scale() < b * (1 + 1e-5), "scale " + note.report().scale());
            assertEquals(List.of("n", "sum"), note.quantities());
            assertEquals(NoiseNote.ASKED, note.source());
            assertEquals(1.0, note.jobSpent().epsilon(), 1e-12);
            assertEquals(1.0, note.budgetSpent().epsilon(), 1e-12);
            // Labels are not numbers and pass unchanged; every number is noised, with Laplace(b):
            // E|X| = b, and the mean of 4,000 draws is within 5% of it with overwhelming probability.
            assertEquals(List.of("a"), out.values().label("levels"));
            double absSum = 0;
            for (String q : List.of("n", "sum")) {
                double truth = q.equals("n") ? 40 : 100;
                for (double v : out.values().number(q)) {
                    absSum += Math.abs(v - truth);
                }
            }
            double meanAbs = absSum / (2 * COLUMNS);
            assertEquals(b, meanAbs, 0.05 * b, "mean absolute noise " + meanAbs);
            assertEquals(1, ledger.entries().size());
            assertEquals("alice", ledger.entries().get(0).analyst());
            // What leaves (and is recorded) is the noised release.
            assertArrayEquals(out.values().number("sum"), gate.released().get(1).numbers());
        }
    }

    @Test
    void elementBoundsGiveEachElementNoiseInProportionToItsOwnBound() {
        Request r = Request.toAll(0, "sums", Payload.EMPTY,
                List.of(Quantity.sum("n", "counts", 2), Quantity.sum("sum", "sums", 2)));
        Disclosure d = Disclosure.of(40, 0).withSensitivity("n", Sensitivity.bounded(1, 2))
                .withSensitivity("sum", Sensitivity.elementwise(100, 3000));
        Contribution c = new Contribution(Payload.builder().put("n", 40, 40).put("sum", 2000, 50_000).build(), d);
        try (BudgetLedger ledger = ledger(3)) {
            ReleaseGate gate = gate(budgetOnly(3), ledger, null);
            gate.release(job("1", NoiseRequest.laplace(1)), r, c);
            NoiseNote note = gate.noiseNotes("1").get(0);
            // In units of each element's bound, one row moves the counts by 2 and the sums by 2: L1 = 4.
            assertEquals(4, note.report().sensitivity(), 1e-12);
            double b = note.report().scale();
            assertEquals(4, b, 1e-4);
            assertArrayEquals(new double[] {b, b}, note.elementScales().get("n"));
            assertArrayEquals(new double[] {100 * b, 3000 * b}, note.elementScales().get("sum"), 1e-9);
        }
    }

    @Test
    void normalizedBoundsSpendTheTotalOnTheSmallestElementsFirst() {
        // A count table: one row moves one cell by one.
        assertEquals(1, ReleaseNoise.normalizedL1(new double[] {1, 1, 1}, 1), 0);
        assertEquals(1, ReleaseNoise.normalizedL2Squared(new double[] {1, 1, 1}, 1), 0);
        // Sums over columns clipped to 100 and 3000: every element can move fully.
        assertEquals(2, ReleaseNoise.normalizedL1(new double[] {100, 3000}, 3100), 1e-12);
        assertEquals(2, ReleaseNoise.normalizedL2Squared(new double[] {100, 3000}, Math.hypot(100, 3000)), 1e-12);
        // A total smaller than the elements' bounds together: the smallest first, then a fraction.
        assertEquals(1.5, ReleaseNoise.normalizedL1(new double[] {2, 1}, 2), 1e-12);
        // Elements no row can move count for nothing.
        assertEquals(1, ReleaseNoise.normalizedL1(new double[] {0, 5}, 5), 1e-12);
    }

    @Test
    void theBudgetRefusesOnceSpentAndTheLedgerRemembersAcrossRestarts() {
        try (BudgetLedger ledger = ledger(2.5)) {
            ReleaseGate gate = gate(budgetOnly(2.5), ledger, null);
            gate.release(job("1", NoiseRequest.laplace(1)), request(0), contribution(true));
            gate.release(job("2", NoiseRequest.laplace(1)), request(0), contribution(true));
            ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                    () -> gate.release(job("3", NoiseRequest.laplace(1)), request(0), contribution(true)));
            assertTrue(e.getMessage().startsWith("site b refused: dataset births: privacy budget exhausted"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("0.5 of 2.5 left"), e.getMessage());
            // A cheaper release still fits.
            gate.release(job("4", NoiseRequest.laplace(0.5)), request(0), contribution(true));
            assertEquals(2.5, ledger.totals("births").epsilon(), 1e-12);
        }
        try (BudgetLedger reopened = ledger(2.5)) {
            ReleaseGate gate = gate(budgetOnly(2.5), reopened, null);
            assertThrows(ReleaseRefusedException.class,
                    () -> gate.release(job("5", NoiseRequest.laplace(0.1)), request(0), contribution(true)));
        }
    }

    @Test
    void aQuantityWithoutASensitivityBoundIsRefusedNotReleasedInClear() {
        try (BudgetLedger ledger = ledger(3)) {
            ReleaseGate gate = gate(budgetOnly(3), ledger, null);
            ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                    () -> gate.release(job("1", NoiseRequest.laplace(1)), request(0), contribution(false)));
            assertTrue(e.getMessage().contains("quantity 'n' has no per-row sensitivity bound"), e.getMessage());
            assertTrue(e.getMessage().contains("the analyst asked for (laplace:1)"), e.getMessage());
            assertTrue(gate.released().isEmpty());
            assertTrue(ledger.entries().isEmpty(), "nothing is charged for a refused release");
        }
    }

    @Test
    void aDatasetWithoutABudgetCannotReleaseWithDp() {
        ReleaseGate noLedger = gate(DpPolicy.none(), null, null);
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> noLedger.release(job("1", NoiseRequest.laplace(1)), request(0), contribution(true)));
        assertTrue(e.getMessage().contains("dataset births has no privacy budget at this site"), e.getMessage());
        try (BudgetLedger ledger = BudgetLedger.open(dir.resolve("other.json"), Map.of("other", new BudgetLimit(9, 0)))) {
            ReleaseGate gate = gate(DpPolicy.none().withBudget("other", new BudgetLimit(9, 0)), ledger, null);
            ReleaseRefusedException e2 = assertThrows(ReleaseRefusedException.class,
                    () -> gate.release(job("1", NoiseRequest.laplace(1)), request(0), contribution(true)));
            assertTrue(e2.getMessage().contains("no privacy budget is configured"), e2.getMessage());
        }
    }

    @Test
    void aRequiredPolicyNoisesEveryReleaseAndAnAnalystCanOnlyAskForMore() {
        DpPolicy required = new DpPolicy(true, NoiseRequest.laplace(0.5), null,
                Map.of("births", new BudgetLimit(10, 1e-6)));
        try (BudgetLedger ledger = BudgetLedger.open(dir.resolve("ledger.json"), required.budgets())) {
            ReleaseGate gate = gate(required, ledger, null);
            gate.release(job("1", null), request(0), contribution(true));
            NoiseNote policy = gate.noiseNotes("1").get(0);
            assertEquals(NoiseNote.REQUIRED, policy.source());
            assertEquals(0.5, policy.report().epsilon());

            gate.release(job("2", NoiseRequest.laplace(2)), request(0), contribution(true));
            NoiseNote weaker = gate.noiseNotes("2").get(0);
            assertEquals(NoiseNote.REQUIRED, weaker.source(), "a request for less noise is overruled");
            assertEquals(0.5, weaker.report().epsilon());

            gate.release(job("3", NoiseRequest.laplace(0.25)), request(0), contribution(true));
            NoiseNote stronger = gate.noiseNotes("3").get(0);
            assertEquals(NoiseNote.ASKED, stronger.source());
            assertEquals(0.25, stronger.report().epsilon());

            // Without bounds, nothing numeric can leave a site that requires DP.
            assertThrows(ReleaseRefusedException.class, () -> gate.release(job("4", null), request(0), contribution(false)));
        }
    }

    @Test
    void gaussianNoiseIsAccountedInZcdpAndTheJobTotalComposes() {
        try (BudgetLedger ledger = ledger(20)) {
            ReleaseGate gate = gate(budgetOnly(20), ledger, null);
            NoiseRequest g = NoiseRequest.gaussian(1, 1e-7);
            gate.release(job("1", g), request(0), contribution(true));
            gate.release(job("1", g), request(1), contribution(true));
            List<NoiseNote> notes = gate.noiseNotes("1");
            assertEquals(2, notes.size());
            assertEquals("gaussian", notes.get(0).report().mechanism());
            // L2 = sqrt(2000·1² + 2000·5²).
            assertEquals(Math.sqrt(2000 + 2000 * 25.0), notes.get(0).report().sensitivity(), 1e-9);
            assertEquals(2 * notes.get(0).report().rho(), notes.get(1).jobSpent().rho(), 1e-15);
            assertEquals(2, notes.get(1).jobSpent().releases());
            gate.finish("1");
            assertTrue(gate.noiseNotes("1").isEmpty());
        }
    }

    @Test
    void parameterNoiseTouchesOnlyModelParametersAndNeedsNoRequest() {
        DpPolicy dp = new DpPolicy(false, null, NoiseRequest.laplace(1), Map.of("births", new BudgetLimit(5, 0)));
        Request r = Request.toAll(0, "local", Payload.EMPTY,
                List.of(Quantity.sum("beta", "local coefficients", 3), Quantity.sum("n", "rows")));
        Disclosure d = Disclosure.of(40, 3).withSensitivity("beta", new Sensitivity(0.2, 0.2, true))
                .withSensitivity("n", Sensitivity.counts());
        Contribution c = new Contribution(Payload.builder().put("beta", 1, 2, 3).put("n", 40).build(), d);
        try (BudgetLedger ledger = BudgetLedger.open(dir.resolve("ledger.json"), dp.budgets())) {
            ReleaseGate gate = gate(dp, ledger, null);
            Contribution out = gate.release(job("1", null), r, c);
            assertArrayEquals(new double[] {40}, out.values().number("n"));
            assertNotEquals(1.0, out.values().number("beta")[0]);
            NoiseNote note = gate.noiseNotes("1").get(0);
            assertEquals(NoiseNote.PARAMETERS, note.source());
            assertEquals(List.of("beta"), note.quantities());
            assertEquals(0.2, note.report().sensitivity(), 1e-12);
        }
    }

    @Test
    void chargesAndRefusalsLandInTheAuditLogWithoutValues() throws java.io.IOException {
        Path log = dir.resolve("audit.jsonl");
        try (BudgetLedger ledger = ledger(1); AuditLog audit = AuditLog.open(log, "b")) {
            ReleaseGate gate = gate(budgetOnly(1), ledger, audit);
            gate.release(job("1", NoiseRequest.laplace(1)), request(0), contribution(true));
            assertThrows(ReleaseRefusedException.class,
                    () -> gate.release(job("2", NoiseRequest.laplace(1)), request(0), contribution(true)));
        }
        List<AuditRecord> records = AuditReader.read(log);
        List<String> kinds = records.stream().map(r -> r.event().kind()).toList();
        assertEquals(List.of("dp-charge", "release", "refusal"), kinds);
        String charge = records.get(0).event().reason();
        assertTrue(charge.contains("laplace noise (analyst) on [n, sum]"), charge);
        assertTrue(charge.contains("dataset births has spent epsilon=1 of 1"), charge);
        assertTrue(records.get(2).event().reason().contains("privacy budget exhausted"));
        assertFalse(java.nio.file.Files.readString(log).contains("100.0"), "no values in the audit log");
    }
}
