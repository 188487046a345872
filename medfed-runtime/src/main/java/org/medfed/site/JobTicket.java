package org.medfed.site;

/**
 * What a site knows about a job it takes part in: who asked (the analyst's certificate name),
 * which method on which of its datasets, and the row filter. The gate writes these into every
 * audit record.
 */
public record JobTicket(String job, String method, String dataset, String analyst, String where) {
    public JobTicket {
        if (job == null || method == null) {
            throw new IllegalArgumentException("a job needs an id and a method");
        }
    }
}
