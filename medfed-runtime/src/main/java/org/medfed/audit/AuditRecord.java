package org.medfed.audit;

import java.time.Instant;

/**
 * One line of the audit log: the event, where it sits in the chain ({@code seq}, {@code prev}),
 * and its own {@code hash} (see {@link AuditJson#hash}).
 *
 * @param seq  1 for the first record, then 2, 3, ...
 * @param time when the site appended it (UTC)
 * @param site the site that keeps the log
 * @param prev the previous record's hash; 64 zeros for the first record
 * @param hash SHA-256 of this record's canonical line without the hash field
 */
public record AuditRecord(long seq, Instant time, String site, AuditEvent event, String prev, String hash) {
}
