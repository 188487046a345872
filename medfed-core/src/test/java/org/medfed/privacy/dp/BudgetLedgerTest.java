package org.medfed.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;

class BudgetLedgerTest {

    private static final Map<String, BudgetLimit> LIMITS =
            Map.of("births", new BudgetLimit(1.0, 0), "labs", new BudgetLimit(3.0, 1e-6));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T09:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void chargesSurviveAReload() throws Exception {
        Path f = dir.resolve("site-a/dp-ledger.json");
        GaussianMechanism g = GaussianMechanism.calibrate(1.0, 1e-5, 1.0, 4);
        Spent labs;
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            l.charge("17", "alice", "births", PrivacyCost.pure("laplace", 0.3));
            l.charge("18", "bob", "births", LaplaceMechanism.calibrate(0.2, 1, 1));
            labs = l.charge("18", "bob", "labs", g);
        }
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            assertEquals(0.5, l.totals("births").epsilon(), 1e-15);
            assertEquals(2, l.totals("births").releases());
            assertEquals(labs, l.totals("labs"));
            List<LedgerEntry> e = l.entries();
            assertEquals(3, e.size());
            assertEquals(new LedgerEntry(CLOCK.instant(), "17", "alice", "births", PrivacyCost.pure("laplace", 0.3)),
                    e.get(0));
            assertEquals(g.cost(), e.get(2).cost());
            // and it keeps enforcing the same limit after the restart
            assertThrows(BudgetExhaustedException.class,
                    () -> l.charge("19", "alice", "births", PrivacyCost.pure("laplace", 0.6)));
            assertEquals(1.0, l.charge("19", "alice", "births", PrivacyCost.pure("laplace", 0.5)).epsilon(), 1e-15);
        }
    }

    @Test
    void fileIsTheDocumentedJson() throws Exception {
        Path f = dir.resolve("ledger.json");
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            l.charge("17", "alice", "births", PrivacyCost.pure("laplace", 0.5));
        }
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
        assertEquals("medfed-dp-ledger", root.get("format").asText());
        assertEquals(1, root.get("version").asInt());
        var e = root.get("entries").get(0);
        assertEquals("2025-03-01T09:30:00Z", e.get("time").asText());
        assertEquals("17", e.get("job").asText());
        assertEquals("alice", e.get("analyst").asText());
        assertEquals("births", e.get("dataset").asText());
        assertEquals("laplace", e.get("mechanism").asText());
        assertEquals("pure", e.get("accounting").asText());
        assertEquals(0.5, e.get("epsilon").asDouble());
        assertEquals(0.0, e.get("delta").asDouble());
        assertEquals(0.125, e.get("rho").asDouble());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary file left");
        }
    }

    @Test
    void refusedChargeLeavesTheFileUntouched() throws Exception {
        Path f = dir.resolve("ledger.json");
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            l.charge("17", "alice", "births", PrivacyCost.pure("laplace", 0.9));
            byte[] before = Files.readAllBytes(f);
            assertThrows(BudgetExhaustedException.class,
                    () -> l.charge("18", "alice", "births", PrivacyCost.pure("laplace", 0.2)));
            assertArrayEquals(before, Files.readAllBytes(f));
            assertEquals(1, l.entries().size());
        }
    }

    @Test
    void invalidJsonStopsTheLedgerWithAClearError() throws Exception {
        Path f = dir.resolve("ledger.json");
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            l.charge("17", "alice", "births", PrivacyCost.pure("laplace", 0.9));
        }
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        MedfedException e = assertThrows(MedfedException.class, () -> BudgetLedger.open(f, LIMITS, CLOCK));
        assertTrue(e.getMessage().startsWith("privacy budget ledger " + f.toAbsolutePath() + " is damaged: not valid JSON"),
                e.getMessage());
        assertTrue(e.getMessage().contains("no differentially private release is possible"), e.getMessage());
        // a failed open must not hold the lock
        Files.writeString(f, text);
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            assertEquals(0.9, l.totals("births").epsilon());
        }
    }

    @Test
    void tamperedEntriesAreNamed() throws Exception {
        Path f = dir.resolve("ledger.json");
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            l.charge("17", "alice", "births", PrivacyCost.pure("laplace", 0.4));
            l.charge("18", "alice", "births", PrivacyCost.pure("laplace", 0.4));
        }
        String text = Files.readString(f);
        Files.writeString(f, text.replaceFirst("\"epsilon\" : 0.4", "\"epsilon\" : -0.4"));
        MedfedException e = assertThrows(MedfedException.class, () -> BudgetLedger.open(f, LIMITS, CLOCK));
        assertTrue(e.getMessage().contains("is damaged: entry 1: ε must be non-negative"), e.getMessage());

        Files.writeString(f, text.replace("\"pure\"", "\"bogus\""));
        e = assertThrows(MedfedException.class, () -> BudgetLedger.open(f, LIMITS, CLOCK));
        assertTrue(e.getMessage().contains("entry 1: 'accounting' is 'bogus', not 'pure' or 'zcdp'"), e.getMessage());

        Files.writeString(f, "{\"format\": \"something-else\", \"version\": 1, \"entries\": []}");
        e = assertThrows(MedfedException.class, () -> BudgetLedger.open(f, LIMITS, CLOCK));
        assertTrue(e.getMessage().contains("not a version 1 medfed-dp-ledger file"), e.getMessage());

        Files.writeString(f, text + "garbage");
        e = assertThrows(MedfedException.class, () -> BudgetLedger.open(f, LIMITS, CLOCK));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void concurrentChargesNeverExceedTheBudget() throws Exception {
        Path f = dir.resolve("ledger.json");
        int threads = 8;
        int attemptsEach = 40;
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < attemptsEach; i++) {
                        try {
                            Spent s = l.charge("job-" + id + "-" + i, "analyst-" + id, "births",
                                    PrivacyCost.pure("laplace", 0.01));
                            assertTrue(s.epsilon() <= 1.0 + 1e-9);
                            granted.incrementAndGet();
                        } catch (BudgetExhaustedException e) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
            assertEquals(100, granted.get());
            assertEquals(threads * attemptsEach - 100, refused.get());
            assertTrue(l.totals("births").epsilon() <= 1.0 + 1e-9);
        }
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            assertEquals(100, l.entries().size());
            assertEquals(1.0, l.totals("births").epsilon(), 1e-9);
        }
    }

    @Test
    void datasetWithoutABudgetIsRefused() throws Exception {
        try (BudgetLedger l = BudgetLedger.open(dir.resolve("ledger.json"), LIMITS, CLOCK)) {
            BudgetExhaustedException e = assertThrows(BudgetExhaustedException.class,
                    () -> l.charge("17", "alice", "genotypes", PrivacyCost.pure("laplace", 0.1)));
            assertTrue(e.getMessage().startsWith("dataset genotypes: no privacy budget is configured"), e.getMessage());
            assertTrue(l.entries().isEmpty());
        }
    }

    @Test
    void historyOfADatasetDroppedFromThePolicyIsKept() throws Exception {
        Path f = dir.resolve("ledger.json");
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            l.charge("17", "alice", "labs", PrivacyCost.pure("laplace", 0.4));
        }
        try (BudgetLedger l = BudgetLedger.open(f, Map.of("births", new BudgetLimit(1, 0)), CLOCK)) {
            assertEquals(0.4, l.totals().get("labs").epsilon());
            l.charge("18", "alice", "births", PrivacyCost.pure("laplace", 0.1));
            assertEquals(2, l.entries().size());
        }
    }

    @Test
    void aSecondOwnerIsRefusedWhileTheLedgerIsOpen() throws Exception {
        Path f = dir.resolve("ledger.json");
        try (BudgetLedger l = BudgetLedger.open(f, LIMITS, CLOCK)) {
            MedfedException e = assertThrows(MedfedException.class, () -> BudgetLedger.open(f, LIMITS, CLOCK));
            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        }
        BudgetLedger.open(f, LIMITS, CLOCK).close();
    }
}
