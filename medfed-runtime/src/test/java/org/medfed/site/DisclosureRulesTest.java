package org.medfed.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.audit.AuditLog;
import org.medfed.audit.AuditReader;
import org.medfed.audit.AuditRecord;
import org.medfed.data.Table;
import org.medfed.data.TableReader;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;

/** Each disclosure rule of the release gate, at its boundaries, on synthetic contributions. */
class DisclosureRulesTest {
    private static final List<String> THREE = List.of("a", "b", "c");
    private final Request request = Request.toAll(1, "count", Payload.EMPTY,
            List.of(Quantity.sum("n", "a count")));
    private static final Payload VALUES = Payload.builder().put("n", 42).build();

    @TempDir
    Path dir;

    private static JobTicket job(String id) {
        return job(id, "alice", "cohort");
    }

    private static JobTicket job(String id, String analyst, String dataset) {
        return new JobTicket(id, "glm", dataset, analyst, null, THREE);
    }

    private static ReleaseGate gate(ReleasePolicy policy) {
        return new ReleaseGate("b", policy, null, true);
    }

    private static Contribution rows(int n) {
        return new Contribution(VALUES, n, 0);
    }

    private static Contribution subset(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return new Contribution(VALUES, Disclosure.of(b.cardinality(), 0).withRowsUsed(b));
    }

    private static Contribution without(Contribution c, int... rows) {
        BitSet b = c.disclosure().rowsUsed();
        for (int r : rows) {
            b.clear(r);
        }
        return new Contribution(VALUES, Disclosure.of(b.cardinality(), 0).withRowsUsed(b));
    }

    // ---- min_cell_count ----

    @ParameterizedTest
    @CsvSource({"0,true", "1,false", "2,false", "3,true", "100,true"})
    void smallestCellBetweenOneAndTheMinimumIsRefusedAndZeroIsAllowed(int cell, boolean passes) {
        ReleaseGate g = gate(ReleasePolicy.defaults());
        Contribution c = new Contribution(VALUES, Disclosure.of(50, 0).withSmallestCell(cell));
        if (passes) {
            g.release(job("j"), request, c);
        } else {
            ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> g.release(job("j"), request, c));
            assertEquals("site b refused: a released count of " + cell + " < 3 (policy min_cell_count) (round 1, count)",
                    e.getMessage());
        }
    }

    @Test
    void countsOfRowsGroupedByFittedValuesFollowTheEvaluationMinimumWhereTheSiteSetsOne() {
        Contribution ordinary = new Contribution(VALUES, Disclosure.of(50, 0).withSmallestCell(1));
        Contribution evaluation = new Contribution(VALUES, Disclosure.of(50, 0).withSmallestCell(1).withFittedValueCounts());
        // Unset, the evaluation's counts follow min_cell_count, and the message says which rule to look at.
        ReleaseRefusedException unset = assertThrows(ReleaseRefusedException.class,
                () -> gate(ReleasePolicy.defaults()).release(job("j"), request, evaluation));
        assertEquals("site b refused: a released count of 1 rows grouped by fitted values < 3 (policy min_cell_count;"
                + " evaluation_min_cell_count not set) (round 1, count)", unset.getMessage());
        // Set to 1: evaluation counts of 1 pass, a table's count of 1 is still refused.
        ReleaseGate one = gate(ReleasePolicy.defaults().withEvaluationMinCellCount(1));
        one.release(job("j"), request, evaluation);
        ReleaseRefusedException table = assertThrows(ReleaseRefusedException.class, () -> one.release(job("k"), request, ordinary));
        assertEquals("site b refused: a released count of 1 < 3 (policy min_cell_count) (round 1, count)", table.getMessage());
        // Set above min_cell_count: stricter for evaluation only.
        ReleaseGate five = gate(ReleasePolicy.defaults().withEvaluationMinCellCount(5));
        Contribution four = new Contribution(VALUES, Disclosure.of(50, 0).withSmallestCell(4).withFittedValueCounts());
        ReleaseRefusedException strict = assertThrows(ReleaseRefusedException.class, () -> five.release(job("l"), request, four));
        assertEquals("site b refused: a released count of 4 rows grouped by fitted values < 5 (policy"
                + " evaluation_min_cell_count) (round 1, count)", strict.getMessage());
        five.release(job("m"), request, new Contribution(VALUES, Disclosure.of(50, 0).withSmallestCell(4)));
    }

    @Test
    void valuesResolvedByEventTimesLeaveOnlyWhereThePolicyAllowsThem() {
        Contribution times = new Contribution(VALUES, Disclosure.of(50, 0).withEventTimes());
        gate(ReleasePolicy.defaults()).release(job("j"), request, times);
        ReleaseGate closed = gate(ReleasePolicy.defaults().withAllowEventTimes(false));
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> closed.release(job("k"), request, times));
        assertEquals("site b refused: the values are resolved by individual event times, which this site does not release"
                + " (policy allow_event_times: false; a Cox model can run with --stratify-by-site, which releases no times)"
                + " (round 1, count)", e.getMessage());
        closed.release(job("l"), request, new Contribution(VALUES, Disclosure.of(50, 0)));
    }

    @Test
    void noDeclaredCellsMeansTheCellRuleDoesNotApplyAndTheMinimumIsConfigurable() {
        gate(ReleasePolicy.defaults()).release(job("j"), request, rows(50));
        ReleaseGate five = gate(ReleasePolicy.defaults().withMinCellCount(5));
        assertThrows(ReleaseRefusedException.class,
                () -> five.release(job("j"), request, new Contribution(VALUES, Disclosure.of(50, 0).withSmallestCell(4))));
        five.release(job("j"), request, new Contribution(VALUES, Disclosure.of(50, 0).withSmallestCell(5)));
    }

    // ---- max_factor_levels and max_level_density ----

    @Test
    void factorWithMoreThanTheMaximumLevelsIsRefused() {
        ReleaseGate g = gate(ReleasePolicy.defaults());
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> g.release(job("j"), request,
                new Contribution(VALUES, Disclosure.of(1000, 0).withFactorLevels(Map.of("ward", 41)))));
        assertEquals("site b refused: factor ward has 41 levels > 40 (policy max_factor_levels) (round 1, count)",
                e.getMessage());
        g.release(job("j"), request, new Contribution(VALUES, Disclosure.of(1000, 0).withFactorLevels(Map.of("ward", 40))));
    }

    @Test
    void factorWithNearlyOneLevelPerRowIsRefused() {
        ReleaseGate g = gate(ReleasePolicy.defaults());
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> g.release(job("j"), request,
                new Contribution(VALUES, Disclosure.of(100, 0).withFactorLevels(Map.of("sex", 2, "id", 34)))));
        assertEquals("site b refused: factor id has 34 levels for 100 rows: density 0.340 > 0.33 (policy max_level_density)"
                + " (round 1, count)", e.getMessage());
        g.release(job("j"), request, new Contribution(VALUES, Disclosure.of(100, 0).withFactorLevels(Map.of("id", 33))));
        ReleaseGate loose = gate(ReleasePolicy.defaults().withFactorLimits(200, 0.5));
        loose.release(job("j"), request, new Contribution(VALUES, Disclosure.of(100, 0).withFactorLevels(Map.of("id", 50))));
        assertThrows(ReleaseRefusedException.class, () -> loose.release(job("j"), request,
                new Contribution(VALUES, Disclosure.of(100, 0).withFactorLevels(Map.of("id", 51)))));
    }

    // ---- min_sites ----

    @Test
    void jobWithFewerThanTheMinimumSitesIsRefusedAtAdmission() throws Exception {
        Path log = dir.resolve("audit.jsonl");
        try (AuditLog audit = AuditLog.open(log, "b")) {
            ReleaseGate g = new ReleaseGate("b", ReleasePolicy.defaults(), audit, false);
            ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                    () -> g.admit(new JobTicket("7", "glm", "cohort", "alice", null, List.of("a", "b"))));
            assertEquals("site b refused: the job has 2 participating sites < 3 (policy min_sites)", e.getMessage());
            assertThrows(ReleaseRefusedException.class, () -> g.admit(new JobTicket("8", "glm", "cohort", "alice", null,
                    List.of("b"))));
            assertThrows(ReleaseRefusedException.class, () -> g.admit(new JobTicket("9", "glm", "cohort", "alice", null)),
                    "a job whose sites are unknown counts none");
            g.admit(new JobTicket("10", "glm", "cohort", "alice", null, THREE));
        }
        List<AuditRecord> records = AuditReader.read(log);
        assertEquals(List.of("job-refused", "job-refused", "job-refused", "job-accepted"),
                records.stream().map(r -> r.event().kind()).toList());
        assertEquals("the job has 2 participating sites < 3 (policy min_sites)", records.get(0).event().reason());
        gate(ReleasePolicy.defaults().withMinSites(2)).admit(new JobTicket("11", "glm", "x", "alice", null, List.of("a", "b")));
    }

    @Test
    void aSumAskedOfFewerThanTheMinimumSitesIsRefused() {
        ReleaseGate g = gate(ReleasePolicy.defaults());
        Request targeted = new Request(2, "local", Payload.EMPTY, List.of(Quantity.sum("n", "a count")), Set.of("b"));
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> g.release(job("j"), targeted, rows(50)));
        assertEquals("site b refused: round 2 sums over 1 site < 3 (policy min_sites) (round 2, local)", e.getMessage());
        Request labels = new Request(3, "schema", Payload.EMPTY, List.of(Quantity.union("cols", "column names")), Set.of("b"));
        g.release(job("j"), labels, new Contribution(Payload.builder().put("cols", List.of("x")).build(), 50, 0));
    }

    // ---- differencing guard ----

    @Test
    void subsetDifferingByOneRowFromAnEarlierJobIsRefusedAndAnIdenticalRerunIsAllowed() {
        ReleaseGate g = gate(ReleasePolicy.defaults());
        Contribution all = subset(0, 50);
        g.release(job("17"), request, all);
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> g.release(job("18"), request, without(all, 23)));
        assertEquals("site b refused: subset differs from job 17 by 1 row < 10 (differencing guard) (round 1, count)",
                e.getMessage());
        g.release(job("19"), request, all); // the same rows again: allowed
        g.release(job("17"), request, all); // every round of a job uses the same rows
        ReleaseRefusedException nine = assertThrows(ReleaseRefusedException.class,
                () -> g.release(job("20"), request, subset(0, 41)));
        assertTrue(nine.getMessage().contains("subset differs from job 17 by 9 rows < 10"), nine.getMessage());
        g.release(job("21"), request, subset(0, 40)); // exactly min_rows apart
        // Added rows count as much as removed ones (symmetric difference).
        assertThrows(ReleaseRefusedException.class, () -> g.release(job("22"), request, subset(0, 51)));
    }

    @Test
    void everyStoredSubsetIsCheckedAndTheNearestIsNamed() {
        ReleaseGate g = gate(ReleasePolicy.defaults());
        g.release(job("1"), request, subset(0, 100));
        g.release(job("2"), request, subset(0, 80));
        // 20 rows from job 1's subset, but 2 from job 2's.
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> g.release(job("3"), request, subset(0, 82)));
        assertTrue(e.getMessage().contains("subset differs from job 2 by 2 rows < 10"), e.getMessage());
    }

    @Test
    void refusedSubsetsAreNotRememberedAndOtherAnalystsAndDatasetsAreSeparate() {
        SubsetStore store = SubsetStore.inMemory();
        ReleaseGate g = new ReleaseGate("b", ReleasePolicy.defaults(), null, false, store);
        g.release(job("1"), request, subset(0, 50));
        assertThrows(ReleaseRefusedException.class, () -> g.release(job("2"), request, subset(0, 49)));
        assertEquals(1, store.count("alice", "cohort"), "the refused subset is not stored");
        g.release(job("3", "bob", "cohort"), request, subset(0, 49));
        g.release(job("4", "alice", "registry"), request, subset(0, 49));
        // A release refused by another rule records nothing either.
        assertThrows(ReleaseRefusedException.class, () -> g.release(job("5"), request,
                new Contribution(VALUES, Disclosure.of(20, 0).withSmallestCell(1).withRowsUsed(subset(0, 20).disclosure().rowsUsed()))));
        assertEquals(1, store.count("alice", "cohort"));
    }

    @Test
    void subsetsSurviveARestartOneFilePerDistinctSubset() throws Exception {
        Path subsets = dir.resolve("state/subsets");
        ReleaseGate first = new ReleaseGate("b", ReleasePolicy.defaults(), null, false, SubsetStore.inDirectory(subsets));
        first.release(job("17"), request, subset(0, 50));
        first.release(job("17"), request, subset(0, 50));
        first.release(job("18"), request, subset(0, 30));
        List<Path> folders;
        try (Stream<Path> s = Files.list(subsets)) {
            folders = s.toList();
        }
        assertEquals(1, folders.size(), "one folder per analyst and dataset");
        assertTrue(folders.get(0).getFileName().toString().matches("[0-9a-f]{64}"), folders.get(0).toString());
        assertEquals("analyst: alice\ndataset: cohort\n", Files.readString(folders.get(0).resolve("owner.txt")));
        try (Stream<Path> s = Files.list(folders.get(0))) {
            assertEquals(2, s.filter(p -> p.toString().endsWith(".subset")).count(), "identical subsets are stored once");
        }

        ReleaseGate restarted = new ReleaseGate("b", ReleasePolicy.defaults(), null, false, SubsetStore.inDirectory(subsets));
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> restarted.release(job("40"), request, subset(1, 50)));
        assertTrue(e.getMessage().contains("subset differs from job 17 by 1 row < 10"), e.getMessage());
        restarted.release(job("41"), request, subset(0, 30));
    }

    @Test
    void unreadableSubsetStoreRefuses() throws Exception {
        Path subsets = dir.resolve("subsets");
        new ReleaseGate("b", ReleasePolicy.defaults(), null, false, SubsetStore.inDirectory(subsets))
                .release(job("1"), request, subset(0, 50));
        try (Stream<Path> s = Files.walk(subsets)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".subset")).toList()) {
                Files.write(p, new byte[] {1, 2, 3});
            }
        }
        ReleaseGate g = new ReleaseGate("b", ReleasePolicy.defaults(), null, false, SubsetStore.inDirectory(subsets));
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> g.release(job("2"), request, subset(0, 50)));
        assertTrue(e.reason().startsWith("differencing guard unavailable: "), e.reason());
    }

    @Test
    void guardCanBeSwitchedOff() {
        ReleaseGate g = gate(ReleasePolicy.defaults().withDifferencingGuard(false));
        g.release(job("1"), request, subset(0, 50));
        g.release(job("2"), request, subset(0, 49));
    }

    /** The worker gives a method that declares no rows the filter's rows, so filters are guarded too. */
    @Test
    void undeclaredRowsAreTheFiltersRows() throws Exception {
        StringBuilder csv = new StringBuilder("id,x\n");
        for (int i = 1; i <= 40; i++) {
            csv.append(i).append(',').append(i % 7).append('\n');
        }
        Path file = dir.resolve("t.csv");
        Files.writeString(file, csv);
        Table table = TableReader.read("b", file);
        SiteWorker worker = new SiteWorker("b", gate(ReleasePolicy.defaults()));
        org.medfed.method.SiteHalf counts = (r, data, state) -> {
            int n = 0;
            for (int i = 0; i < data.table().rowCount(); i++) {
                if (data.keep() == null || data.keep()[i]) {
                    n++;
                }
            }
            return new Contribution(Payload.builder().put("n", n).build(), n, 0);
        };
        worker.answer(new JobTicket("1", "count", "t", "alice", "id <= 30", THREE), table, counts, request);
        worker.answer(new JobTicket("2", "count", "t", "alice", null, THREE), table, counts, request);
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class, () -> worker.answer(
                new JobTicket("3", "count", "t", "alice", "id != 5", THREE), table, counts, request));
        assertTrue(e.getMessage().contains("subset differs from job 2 by 1 row < 10"), e.getMessage());
    }

    // ---- permissive ----

    @Test
    void permissivePolicyDisablesEveryRule() {
        ReleaseGate g = gate(ReleasePolicy.permissive());
        g.admit(new JobTicket("1", "glm", null, "simulator", null, List.of("a")));
        g.admit(new JobTicket("2", "glm", null, "simulator", null));
        g.release(job("1"), request, new Contribution(VALUES, Disclosure.of(1, 5).withSmallestCell(1)
                .withFactorLevels(Map.of("id", 100_000))));
        g.release(job("1"), request, subset(0, 50));
        g.release(job("2"), request, subset(0, 49));
        g.release(job("3"), new Request(2, "x", Payload.EMPTY, List.of(Quantity.sum("n", "a count")), Set.of("b")), rows(1));
        assertNull(ReleasePolicy.permissive().refuseRelease(Disclosure.of(0, 3).withSmallestCell(2)));
        assertNull(ReleasePolicy.permissive().refuseSites(List.of()));
    }
}
