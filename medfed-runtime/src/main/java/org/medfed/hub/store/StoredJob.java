package org.medfed.hub.store;

import java.time.Instant;
import java.util.List;

/**
 * A job as the hub stores it. The request ({@code method}, {@code dataset}, {@code
 * parametersJson}, {@code where}, {@code sites}, {@code analyst}) never changes; the outcome
 * ({@code status}, {@code finished}, {@code error}, {@code resultJson}, {@code resultText},
 * {@code warnings}, {@code rounds}) is set once, when the job finishes.
 *
 * @param where     the row filter, or null for all rows
 * @param finished  null while running, and for an interrupted job (when it stopped is unknown)
 * @param resultJson the result exactly as the hub wrote it (kept as text, so numbers keep every
 *                  digit the hub printed); null until the job succeeds, and in {@link
 *                  JobStore#list()}
 * @param rerunOf   the id of the job this one repeats, or null
 * @param noise     the DP noise the analyst asked for ({@code NoiseRequest} text), or null
 */
public record StoredJob(String id, String method, String dataset, String parametersJson, String where, List<String> sites,
                        String analyst, JobStatus status, Instant submitted, Instant finished, String error,
                        String resultJson, String resultText, List<String> warnings, int rounds, String rerunOf,
                        String noise) {
    public StoredJob {
        if (id == null || method == null || dataset == null || status == null || submitted == null) {
            throw new IllegalArgumentException("a job needs an id, method, dataset, status and submission time");
        }
        sites = sites == null ? List.of() : List.copyOf(sites);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        noise = noise == null || noise.isBlank() ? null : noise;
    }

    /** A job that asked for no DP noise. */
    public StoredJob(String id, String method, String dataset, String parametersJson, String where, List<String> sites,
                     String analyst, JobStatus status, Instant submitted, Instant finished, String error,
                     String resultJson, String resultText, List<String> warnings, int rounds, String rerunOf) {
        this(id, method, dataset, parametersJson, where, sites, analyst, status, submitted, finished, error, resultJson,
                resultText, warnings, rounds, rerunOf, null);
    }

    /** A job just submitted: running, no outcome yet. */
    public static StoredJob submitted(String id, String method, String dataset, String parametersJson, String where,
                                      List<String> sites, String analyst, Instant submitted, String rerunOf) {
        return new StoredJob(id, method, dataset, parametersJson, where, sites, analyst, JobStatus.RUNNING, submitted,
                null, null, null, null, List.of(), 0, rerunOf);
    }
}
