/**
 * The site's tamper-evident audit log: one JSON line per released contribution, refusal or job
 * event, appended by the release gate before anything leaves the site.
 *
 * <p><b>Line format.</b> Each line is one compact JSON object with the fields {@code seq, time,
 * site, kind, job, analyst, method, dataset, round, step, rows, quantities, reason, prev, hash},
 * always all present and in that order ({@link org.medfed.audit.AuditJson}). Released values never
 * appear, only each quantity's name, shape, aggregation and SHA-256 digest
 * ({@link org.medfed.audit.ReleasedQuantity}).
 *
 * <p><b>Hash chain.</b> {@code hash} is the lowercase hex SHA-256 of the UTF-8 bytes of the
 * record's compact JSON without the {@code hash} field (for a line medfed wrote: the line with
 * {@code ,"hash":"…"} cut out). {@code prev} is the previous record's hash, 64 zeros for record 1.
 * So editing a record breaks its own hash; recomputing that hash breaks the next record's
 * {@code prev}; removing, inserting or reordering lines breaks {@code seq} and {@code prev}.
 * The verifier recomputes hashes from the parsed fields, so it checks what a line says, not its
 * whitespace.
 *
 * <p><b>What the chain cannot show.</b> Cutting records off the end leaves a shorter, intact
 * chain, and whoever can rewrite the whole file can rebuild a consistent one. Both are caught only
 * by comparing with a head hash (and record count) kept somewhere else, which
 * {@link org.medfed.audit.AuditVerifier#verify(java.nio.file.Path, String, long)} accepts.
 */
package org.medfed.audit;
