package org.medfed.audit;

import java.util.List;

/**
 * What {@link AuditVerifier} found.
 *
 * @param records  lines that hold a well-formed record
 * @param head     hash of the last well-formed record (64 zeros for an empty log)
 * @param problems one sentence per problem, naming the line and record; empty when intact
 * @param notes    facts worth printing that are not problems (e.g. records added after an expected head)
 */
public record VerifyReport(long records, String head, List<String> problems, List<String> notes) {

    public VerifyReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public VerifyReport(long records, String head, List<String> problems) {
        this(records, head, problems, List.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
