package org.medfed.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an audit log's records for display, without judging the chain (that is {@link AuditVerifier}'s job). */
public final class AuditReader {
    private AuditReader() {
    }

    /** The well-formed records in file order; lines that are not records are skipped. */
    public static List<AuditRecord> read(Path file) {
        List<AuditRecord> records = new ArrayList<>();
        for (AuditLines.Line line : AuditLines.read(file)) {
            if (line.valid()) {
                records.add(line.record());
            }
        }
        return records;
    }
}
