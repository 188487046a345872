package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.audit.AuditEvent;
import org.medfed.audit.AuditLog;
import org.medfed.audit.ReleasedQuantity;

/** {@code medfed audit verify|show}: exit codes, messages a privacy officer can act on, the table. */
class CliAuditTest {
    @TempDir
    Path dir;

    private String head;

    private Path log() {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, "a")) {
            log.append(AuditEvent.jobAccepted("job-1", "alice", "glm", "births"));
            for (int round = 1; round <= 3; round++) {
                log.append(AuditEvent.release("job-1", "alice", "glm", "births", round, "newton",
                        List.of(ReleasedQuantity.ofNumbers("xtwx", new int[] {3, 3}, "SUM", new double[9]),
                                ReleasedQuantity.ofNumbers("deviance", new int[0], "SUM", new double[] {round})),
                        76));
            }
            log.append(AuditEvent.refusal("job-2", "bob", "glm", "births", 1, "newton", "fewer than 10 rows"));
            head = log.head();
        }
        return file;
    }

    private static void edit(Path file, int line, String from, String to) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(line - 1, lines.get(line - 1).replace(from, to));
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private static void assertNoTrace(CliRun run) {
        assertFalse(run.err().contains("\tat "), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void verifyIntactLog() {
        Path file = log();
        CliRun run = CliRun.of("audit", "verify", "--log", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("audit log " + file + ": 5 records, chain intact, head " + head, run.out().strip());
    }

    @Test
    void verifyNamesTheEditedLine() throws IOException {
        Path file = log();
        edit(file, 3, "\"analyst\":\"alice\"", "\"analyst\":\"carol\"");
        CliRun run = CliRun.of("audit", "verify", "--log", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("1 problem:"), run.err());
        assertTrue(run.err().contains("line 3 (record 3): contents changed — its hash does not match"), run.err());
        assertEquals("", run.out());
        assertNoTrace(run);
    }

    @Test
    void verifyWithHeadDetectsACutTail() throws IOException {
        Path file = log();
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, String.join("\n", lines.subList(0, 4)) + "\n");
        assertEquals(0, CliRun.of("audit", "verify", "--log", file.toString()).exitCode());
        CliRun run = CliRun.of("audit", "verify", "--log", file.toString(), "--head", head.toUpperCase());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is not in the log, which ends with record 4 (line 4)"), run.err());
        CliRun count = CliRun.of("audit", "verify", "--log", file.toString(), "--records", "5");
        assertEquals(1, count.exitCode());
        assertTrue(count.err().contains("record 5 is missing from the end"), count.err());
    }

    @Test
    void verifyUsageErrors() {
        Path file = log();
        CliRun badHead = CliRun.of("audit", "verify", "--log", file.toString(), "--head", "abc");
        assertEquals(2, badHead.exitCode());
        assertTrue(badHead.err().contains("--head must be the 64-digit hex hash"), badHead.err());
        assertNoTrace(badHead);
        CliRun noLog = CliRun.of("audit", "verify");
        assertEquals(2, noLog.exitCode());
        assertTrue(noLog.err().contains("--log"), noLog.err());
    }

    @Test
    void missingFileIsExitOne() {
        Path file = dir.resolve("nope.jsonl");
        CliRun run = CliRun.of("audit", "verify", "--log", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("audit log " + file + " does not exist"), run.err());
        assertNoTrace(run);
    }

    @Test
    void showPrintsATable() {
        Path file = log();
        CliRun run = CliRun.of("audit", "show", "--log", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        String[] lines = out.split("\\R");
        assertTrue(lines[0].matches("seq\\s+time\\s+job\\s+analyst\\s+method\\s+round/step\\s+event\\s+quantities\\s+rows\\s+reason"),
                lines[0]);
        assertTrue(out.contains("job-accepted"), out);
        assertTrue(out.contains("2/newton"), out);
        assertTrue(out.matches("(?s).*xtwx\\[3,3\\] [0-9a-f]{12}.*"), out);
        assertTrue(out.matches("(?s).*deviance\\[\\] [0-9a-f]{12}.*"), out);
        assertTrue(out.contains("fewer than 10 rows"), out);
        assertTrue(out.strip().endsWith("5 records, head " + head), out);
    }

    @Test
    void showFiltersByJobAndPrintsJson() throws IOException {
        Path file = log();
        CliRun run = CliRun.of("audit", "show", "--log", file.toString(), "--job", "job-2", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode array = OutputOptions.JSON.readTree(run.out());
        assertEquals(1, array.size());
        assertEquals("refusal", array.get(0).get("kind").asText());
        assertEquals(5, array.get(0).get("seq").asInt());
        assertEquals(head, array.get(0).get("hash").asText());

        CliRun table = CliRun.of("audit", "show", "--log", file.toString(), "--job", "job-1");
        assertTrue(table.out().strip().endsWith("4 of 5 records (job job-1), head " + head), table.out());
    }

    @Test
    void showWarnsAboutADamagedLog() throws IOException {
        Path file = log();
        edit(file, 2, "\"rows\":76", "\"rows\":7");
        CliRun run = CliRun.of("audit", "show", "--log", file.toString());
        assertEquals(0, run.exitCode());
        assertTrue(run.err().contains("warning: audit log " + file + " has 1 problem"), run.err());
        assertTrue(run.err().contains("line 2 (record 2): contents changed"), run.err());
    }
}
