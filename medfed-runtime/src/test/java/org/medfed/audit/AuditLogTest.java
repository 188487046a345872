package org.medfed.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;

class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void appendsAChainedLinePerEvent() throws IOException {
        Path file = dir.resolve("nested/dirs/audit.jsonl");
        try (AuditLog log = AuditLog.open(file, "a")) {
            assertEquals(0, log.size());
            assertEquals(AuditJson.GENESIS, log.head());
            AuditRecord r1 = log.append(AuditFixtures.release(1));
            AuditRecord r2 = log.append(AuditEvent.refusal("job-1", "alice", "glm", "births", 2, "newton",
                    "fewer than 10 rows"));
            assertEquals(1, r1.seq());
            assertEquals(AuditJson.GENESIS, r1.prev());
            assertEquals(r1.hash(), r2.prev());
            assertEquals(r2.hash(), log.head());
            assertEquals(2, log.size());
        }
        List<String> lines = AuditFixtures.lines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("{\"seq\":2,\"time\":\""), lines.get(1));
        assertTrue(lines.get(1).contains("\"kind\":\"refusal\""), lines.get(1));
        assertTrue(lines.get(1).contains("\"reason\":\"fewer than 10 rows\""), lines.get(1));
    }

    @Test
    void hashIsSha256OfTheLineWithoutItsHashField() throws Exception {
        Path file = AuditFixtures.log(dir, 1);
        String line = AuditFixtures.lines(file).get(0);
        int cut = line.indexOf(",\"hash\":\"");
        String unhashed = line.substring(0, cut) + "}";
        String expected = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(unhashed.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, AuditJson.parseLine(line).hash());
    }

    @Test
    void reopeningContinuesTheChain() throws IOException {
        Path file = AuditFixtures.log(dir, 3);
        String head;
        try (AuditLog log = AuditLog.open(file, "a")) {
            assertEquals(3, log.size());
            head = log.head();
            AuditRecord r4 = log.append(AuditFixtures.release(4));
            assertEquals(4, r4.seq());
            assertEquals(head, r4.prev());
            head = log.head();
        }
        VerifyReport report = AuditVerifier.verify(file);
        assertTrue(report.ok(), report.problems().toString());
        assertEquals(4, report.records());
        assertEquals(head, report.head());
    }

    @Test
    void concurrentAppendsFormOneValidChain() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        int threads = 8;
        int each = 25;
        try (AuditLog log = AuditLog.open(file, "a")) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int round = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            log.append(AuditFixtures.release(round));
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(threads * each, log.size());
        }
        VerifyReport report = AuditVerifier.verify(file);
        assertTrue(report.ok(), report.problems().toString());
        assertEquals(threads * each, report.records());
    }

    @Test
    void refusesToAppendToATamperedLog() throws IOException {
        Path file = AuditFixtures.log(dir, 4);
        List<String> lines = AuditFixtures.lines(file);
        lines.set(2, lines.get(2).replace("\"analyst\":\"alice\"", "\"analyst\":\"mallory\""));
        AuditFixtures.write(file, lines);
        MedfedException e = assertThrows(MedfedException.class, () -> AuditLog.open(file, "a"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3 (record 3): contents changed"), e.getMessage());
        assertEquals(lines, AuditFixtures.lines(file), "nothing appended");
    }

    @Test
    void refusesAnInterruptedLastLine() throws IOException {
        Path file = AuditFixtures.log(dir, 2);
        String text = Files.readString(file);
        Files.writeString(file, text + text.substring(0, 40));
        MedfedException e = assertThrows(MedfedException.class, () -> AuditLog.open(file, "a"));
        assertTrue(e.getMessage().contains("line 3 is not a valid record"), e.getMessage());
    }

    @Test
    void refusesAnotherSitesLog() {
        Path file = AuditFixtures.log(dir, 1);
        MedfedException e = assertThrows(MedfedException.class, () -> AuditLog.open(file, "b"));
        assertTrue(e.getMessage().contains("belongs to site a"), e.getMessage());
    }

    @Test
    void oneWriterAtATime() {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, "a")) {
            MedfedException e = assertThrows(MedfedException.class, () -> AuditLog.open(file, "a"));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
        AuditLog.open(file, "a").close();
    }

    @Test
    void recordsRoundTripThroughTheLineFormat() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditRecord written;
        try (AuditLog log = AuditLog.open(file, "a")) {
            log.append(AuditEvent.jobAccepted("job-1", "alice", "glm", "births"));
            written = log.append(AuditEvent.release("job-1", "alice", "glm", "births", 1, "schema",
                    List.of(ReleasedQuantity.ofLabels("levels", "UNION", List.of("u", "vé"))), 76));
        }
        AuditRecord read = AuditJson.parseLine(AuditFixtures.lines(file).get(1));
        assertEquals(written, read);
        assertArrayEquals(new int[] {2}, read.event().quantities().get(0).shape());
    }

    @Test
    void digestsAreDocumentedBytes() throws Exception {
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        // Labels: UTF-8 of each label followed by '\n'.
        assertEquals(HexFormat.of().formatHex(sha.digest("u\nvé\n".getBytes(StandardCharsets.UTF_8))),
                ReleasedQuantity.ofLabels("levels", "UNION", List.of("u", "vé")).sha256());
        // Numbers: 1.0 is 0x3FF0000000000000, written little-endian.
        byte[] one = {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F};
        assertEquals(HexFormat.of().formatHex(sha.digest(one)),
                ReleasedQuantity.ofNumbers("n", new int[0], "SUM", new double[] {1.0}).sha256());
        double[] many = new double[3000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i * 0.5;
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * many.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : many) {
            buf.putLong(Double.doubleToRawLongBits(v));
        }
        assertEquals(HexFormat.of().formatHex(sha.digest(buf.array())),
                ReleasedQuantity.ofNumbers("x", new int[] {3000}, "SUM", many).sha256());
    }
}
