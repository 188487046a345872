package org.medfed.audit;

import java.util.List;
import java.util.Objects;

/**
 * What happened at the site: a release, a refusal, or a job lifecycle event. Only names, shapes
 * and digests of released values appear here (see {@link ReleasedQuantity}), so the log can be
 * shown to anyone who may know which analyses ran.
 *
 * @param kind       {@code release}, {@code refusal}, {@code job-accepted}, {@code job-refused}, ...
 * @param job        the job id, or null for site-wide events
 * @param analyst    who asked (the analyst's certificate name); null if unknown
 * @param method     the method's name, e.g. {@code glm}
 * @param dataset    the site dataset the job reads
 * @param round      the round number (0 when the event is not tied to a round)
 * @param step       the method's step name within the round (null when not tied to a round)
 * @param quantities what left the site (empty for refusals and lifecycle events)
 * @param rows       rows that entered the computation (0 when not applicable)
 * @param reason     why something was refused (null otherwise)
 */
public record AuditEvent(String kind, String job, String analyst, String method, String dataset, int round,
                        String step, List<ReleasedQuantity> quantities, int rows, String reason) {

    public static final String RELEASE = "release";
    public static final String REFUSAL = "refusal";
    public static final String JOB_ACCEPTED = "job-accepted";
    public static final String JOB_REFUSED = "job-refused";

    public AuditEvent {
        Objects.requireNonNull(kind, "kind");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("an audit event needs a kind");
        }
        quantities = quantities == null ? List.of() : List.copyOf(quantities);
    }

    /** One contribution that passed the release gate. */
    public static AuditEvent release(String job, String analyst, String method, String dataset, int round,
                                     String step, List<ReleasedQuantity> quantities, int rows) {
        return new AuditEvent(RELEASE, job, analyst, method, dataset, round, step, quantities, rows, null);
    }

    /** A contribution the release gate stopped; nothing left the site. */
    public static AuditEvent refusal(String job, String analyst, String method, String dataset, int round,
                                     String step, String reason) {
        return new AuditEvent(REFUSAL, job, analyst, method, dataset, round, step, List.of(), 0, reason);
    }

    public static AuditEvent jobAccepted(String job, String analyst, String method, String dataset) {
        return new AuditEvent(JOB_ACCEPTED, job, analyst, method, dataset, 0, null, List.of(), 0, null);
    }

    public static AuditEvent jobRefused(String job, String analyst, String method, String dataset, String reason) {
        return new AuditEvent(JOB_REFUSED, job, analyst, method, dataset, 0, null, List.of(), 0, reason);
    }
}
