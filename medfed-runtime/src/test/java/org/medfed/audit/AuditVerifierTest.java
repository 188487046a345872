package org.medfed.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {
    @TempDir
    Path dir;

    private static void assertOneProblem(VerifyReport report, String expected) {
        assertEquals(List.of(expected), report.problems());
    }

    @Test
    void intactLogIsOk() {
        Path file = AuditFixtures.log(dir, 10);
        VerifyReport report = AuditVerifier.verify(file);
        assertTrue(report.ok(), report.problems().toString());
        assertEquals(10, report.records());
        assertEquals(64, report.head().length());
    }

    @Test
    void emptyLogIsOk() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, "");
        VerifyReport report = AuditVerifier.verify(file);
        assertTrue(report.ok());
        assertEquals(0, report.records());
        assertEquals(AuditJson.GENESIS, report.head());
    }

    @Test
    void editedAnalystIsLocated() throws IOException {
        Path file = AuditFixtures.log(dir, 10);
        List<String> lines = AuditFixtures.lines(file);
        lines.set(6, lines.get(6).replace("\"analyst\":\"alice\"", "\"analyst\":\"bob\""));
        AuditFixtures.write(file, lines);
        assertOneProblem(AuditVerifier.verify(file), "line 7 (record 7): contents changed — its hash does not match");
    }

    @Test
    void editedDigestIsLocated() throws IOException {
        Path file = AuditFixtures.log(dir, 10);
        List<String> lines = AuditFixtures.lines(file);
        String line = lines.get(3);
        int at = line.indexOf("\"sha256\":\"") + 10;
        char c = line.charAt(at) == 'a' ? 'b' : 'a';
        lines.set(3, line.substring(0, at) + c + line.substring(at + 1));
        AuditFixtures.write(file, lines);
        assertOneProblem(AuditVerifier.verify(file), "line 4 (record 4): contents changed — its hash does not match");
    }

    @Test
    void editedSequenceNumberIsOneProblem() throws IOException {
        Path file = AuditFixtures.log(dir, 6);
        List<String> lines = AuditFixtures.lines(file);
        lines.set(2, lines.get(2).replace("{\"seq\":3,", "{\"seq\":9,"));
        AuditFixtures.write(file, lines);
        assertOneProblem(AuditVerifier.verify(file), "line 3 (record 9): contents changed — its hash does not match");
    }

    @Test
    void deletedLineIsOneMissingRecord() throws IOException {
        Path file = AuditFixtures.log(dir, 10);
        List<String> lines = AuditFixtures.lines(file);
        lines.remove(4);
        AuditFixtures.write(file, lines);
        assertOneProblem(AuditVerifier.verify(file), "record 5 is missing (line 5 holds record 6)");
    }

    @Test
    void deletedRunOfLinesIsOneMessage() throws IOException {
        Path file = AuditFixtures.log(dir, 10);
        List<String> lines = AuditFixtures.lines(file);
        lines.subList(0, 3).clear();
        AuditFixtures.write(file, lines);
        assertOneProblem(AuditVerifier.verify(file), "records 1 to 3 are missing (line 1 holds record 4)");
    }

    @Test
    void swappedLinesAreOutOfOrder() throws IOException {
        Path file = AuditFixtures.log(dir, 10);
        List<String> lines = AuditFixtures.lines(file);
        Collections.swap(lines, 3, 4);
        AuditFixtures.write(file, lines);
        assertOneProblem(AuditVerifier.verify(file), "records 4 and 5 are out of order (line 4 holds record 5)");
    }

    @Test
    void swappedLastTwoLinesAreOutOfOrder() throws IOException {
        Path file = AuditFixtures.log(dir, 5);
        List<String> lines = AuditFixtures.lines(file);
        Collections.swap(lines, 3, 4);
        AuditFixtures.write(file, lines);
        assertOneProblem(AuditVerifier.verify(file), "records 4 and 5 are out of order (line 4 holds record 5)");
    }

    @Test
    void recordMovedFarIsOutOfPlace() throws IOException {
        Path file = AuditFixtures.log(dir, 8);
        List<String> lines = AuditFixtures.lines(file);
        lines.add(lines.remove(2));
        AuditFixtures.write(file, lines);
        assertOneProblem(AuditVerifier.verify(file),
                "record 3 is out of place: it is on line 8 but belongs on line 3 (which holds record 4)");
    }

    @Test
    void rewrittenRecordWithRecomputedHashBreaksTheNextLink() throws IOException {
        Path file = AuditFixtures.log(dir, 8);
        List<String> lines = AuditFixtures.lines(file);
        lines.set(4, AuditFixtures.forge(lines.get(4), "mallory"));
        AuditFixtures.write(file, lines);
        VerifyReport report = AuditVerifier.verify(file);
        assertEquals(1, report.problems().size(), report.problems().toString());
        String p = report.problems().get(0);
        assertTrue(p.startsWith("line 6 (record 6) does not follow record 5 (line 5)"), p);
        assertTrue(p.contains("record 5 was rewritten with a recomputed hash"), p);
    }

    @Test
    void forgedInsertedRecordIsDetected() throws IOException {
        Path file = AuditFixtures.log(dir, 8);
        List<String> lines = AuditFixtures.lines(file);
        // A forger copies record 5 (same seq and prev, so it links to record 4), changes it and
        // recomputes its hash, and inserts it before the genuine record 5.
        lines.add(4, AuditFixtures.forge(lines.get(4), "mallory"));
        AuditFixtures.write(file, lines);
        VerifyReport report = AuditVerifier.verify(file);
        assertEquals(1, report.problems().size(), report.problems().toString());
        String p = report.problems().get(0);
        assertTrue(p.startsWith("line 5 (record 5) is not part of the chain"), p);
        assertTrue(p.contains("inserted or forged"), p);
    }

    @Test
    void forgedRecordInsertedAfterTheGenuineOneIsDetected() throws IOException {
        Path file = AuditFixtures.log(dir, 8);
        List<String> lines = AuditFixtures.lines(file);
        lines.add(5, AuditFixtures.forge(lines.get(4), "mallory"));
        AuditFixtures.write(file, lines);
        VerifyReport report = AuditVerifier.verify(file);
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("line 6 (record 5) is not part of the chain"),
                report.problems().get(0));
    }

    @Test
    void repeatedLineIsDetected() throws IOException {
        Path file = AuditFixtures.log(dir, 6);
        List<String> lines = AuditFixtures.lines(file);
        lines.add(5, lines.get(2));
        AuditFixtures.write(file, lines);
        assertOneProblem(AuditVerifier.verify(file), "line 6 (record 3) repeats the record on line 3");
    }

    @Test
    void invalidJsonLineIsReported() throws IOException {
        Path file = AuditFixtures.log(dir, 10);
        List<String> lines = AuditFixtures.lines(file);
        lines.set(8, lines.get(8).substring(0, 30));
        AuditFixtures.write(file, lines);
        VerifyReport report = AuditVerifier.verify(file);
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("line 9 is not a valid record: not JSON"),
                report.problems().get(0));
        assertEquals(9, report.records());
    }

    @Test
    void wrongFieldsAreNotAValidRecord() throws IOException {
        Path file = AuditFixtures.log(dir, 3);
        List<String> lines = AuditFixtures.lines(file);
        lines.set(1, lines.get(1).replace("\"rows\":76", "\"rows\":\"76\""));
        lines.set(2, lines.get(2).replace("{\"seq\":3,", "{\"seq\":3,\"note\":1,"));
        AuditFixtures.write(file, lines);
        VerifyReport report = AuditVerifier.verify(file);
        assertEquals(List.of("line 2 is not a valid record: field 'rows' must be a whole number",
                "line 3 is not a valid record: unexpected field 'note'"), report.problems());
    }

    @Test
    void insertedGarbageLineIsOneProblem() throws IOException {
        Path file = AuditFixtures.log(dir, 5);
        List<String> lines = AuditFixtures.lines(file);
        lines.add(2, "hello");
        AuditFixtures.write(file, lines);
        VerifyReport report = AuditVerifier.verify(file);
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("line 3 is not a valid record"), report.problems().get(0));
    }

    @Test
    void severalProblemsAreAllReported() throws IOException {
        Path file = AuditFixtures.log(dir, 12);
        List<String> lines = AuditFixtures.lines(file);
        lines.set(1, lines.get(1).replace("\"analyst\":\"alice\"", "\"analyst\":\"bob\""));
        Collections.swap(lines, 5, 6);
        lines.remove(9);
        AuditFixtures.write(file, lines);
        assertEquals(List.of("line 2 (record 2): contents changed — its hash does not match",
                "records 6 and 7 are out of order (line 6 holds record 7)",
                "record 10 is missing (line 10 holds record 11)"), AuditVerifier.verify(file).problems());
    }

    @Test
    void truncatedTailIsDetectedOnlyWithTheHead() throws IOException {
        Path file = AuditFixtures.log(dir, 10);
        VerifyReport full = AuditVerifier.verify(file);
        List<String> lines = AuditFixtures.lines(file);
        AuditFixtures.write(file, lines.subList(0, 7));

        assertTrue(AuditVerifier.verify(file).ok(), "the chain alone cannot see a cut tail");

        VerifyReport withHead = AuditVerifier.verify(file, full.head(), 0);
        assertEquals(1, withHead.problems().size(), withHead.problems().toString());
        assertTrue(withHead.problems().get(0).startsWith("the expected head " + full.head()
                + " is not in the log, which ends with record 7 (line 7)"), withHead.problems().get(0));

        VerifyReport withCount = AuditVerifier.verify(file, null, 10);
        assertEquals(List.of("the log holds 7 records but 10 were expected: records 8 to 10 are missing from the end"
                + " (the file was cut short)"), withCount.problems());
    }

    @Test
    void olderHeadIsFineAndNoted() throws IOException {
        Path file = AuditFixtures.log(dir, 4);
        String head = AuditVerifier.verify(file).head();
        try (AuditLog log = AuditLog.open(file, "a")) {
            log.append(AuditFixtures.release(5));
            log.append(AuditFixtures.release(6));
        }
        VerifyReport report = AuditVerifier.verify(file, head, 4);
        assertTrue(report.ok(), report.problems().toString());
        assertEquals(List.of("the expected head is record 4 (line 4); 2 records were appended after it"), report.notes());
    }
}
