package org.medfed.method;

import java.util.List;

/**
 * What the hub half knows about the job besides its parameters: the participating sites in the
 * job's fixed order, and the row filter text (reported in the result's provenance).
 */
public record JobContext(List<String> sites, String where) {
    public JobContext {
        sites = List.copyOf(sites);
    }
}
