package org.medfed.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds small logs and edits them line by line, as a person with a text editor would. */
final class AuditFixtures {
    private AuditFixtures() {
    }

    static AuditEvent release(int round) {
        return AuditEvent.release("job-1", "alice", "glm", "births", round, "newton",
                List.of(ReleasedQuantity.ofNumbers("xtwx", new int[] {2, 2}, "SUM", new double[] {1, 2, 2, 5 + round}),
                        ReleasedQuantity.ofNumbers("deviance", new int[0], "SUM", new double[] {7.5 * round})),
                76);
    }

    /** A log of {@code n} release records at site {@code a}. */
    static Path log(Path dir, int n) {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, "a")) {
            for (int i = 1; i <= n; i++) {
                log.append(release(i));
            }
        }
        return file;
    }

    static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Record on a line with a different analyst and a correctly recomputed hash (a careful forger). */
    static String forge(String line, String analyst) {
        AuditRecord r = AuditJson.parseLine(line);
        AuditEvent e = r.event();
        AuditEvent changed = new AuditEvent(e.kind(), e.job(), analyst, e.method(), e.dataset(), e.round(),
                e.step(), e.quantities(), e.rows(), e.reason());
        return AuditJson.toLine(new AuditRecord(r.seq(), r.time(), r.site(), changed, r.prev(),
                AuditJson.hash(r.seq(), r.time(), r.site(), changed, r.prev())));
    }
}
