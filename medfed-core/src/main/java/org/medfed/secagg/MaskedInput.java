package org.medfed.secagg;

import java.util.Map;
import java.util.TreeMap;

/**
 * Phase 3, site to hub: every SUM quantity of the round as ring elements (see
 * {@link FixedPointRing}) with the self-mask and the pairwise masks added; each vector on its own
 * is uniformly distributed on the ring.
 */
public record MaskedInput(String jobId, int round, String site, Map<String, long[]> quantities) {
    public MaskedInput {
        quantities = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(quantities));
    }
}
