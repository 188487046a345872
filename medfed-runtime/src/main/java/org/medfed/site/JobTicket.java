package org.medfed.site;

import java.util.List;
import org.medfed.privacy.dp.NoiseRequest;

/**
 * What a site knows about a job it takes part in: who asked (the analyst's certificate name),
 * which method on which of its datasets, the row filter, and which sites take part (from the
 * hub's offer; the policy's {@code min_sites} rule reads it). The gate writes these into every
 * audit record. {@code noise} is the differential-privacy noise the analyst asked for on every
 * numeric release (null: none asked; the site's policy may still require it).
 */
public record JobTicket(String job, String method, String dataset, String analyst, String where, List<String> sites,
                        NoiseRequest noise) {
    public JobTicket {
        if (job == null || method == null) {
            throw new IllegalArgumentException("a job needs an id and a method");
        }
        sites = sites == null ? List.of() : List.copyOf(sites);
    }

    /** A ticket without a request for DP noise. */
    public JobTicket(String job, String method, String dataset, String analyst, String where, List<String> sites) {
        this(job, method, dataset, analyst, where, sites, null);
    }

    /** A ticket whose participating sites are not known (the {@code min_sites} rule then counts none). */
    public JobTicket(String job, String method, String dataset, String analyst, String where) {
        this(job, method, dataset, analyst, where, List.of());
    }
}
