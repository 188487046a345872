package org.medfed.secagg;

import java.util.List;

/**
 * Hub to each survivor after collecting masked inputs: the survivors (whose input is in the sum)
 * and the dropped participants (whose pairwise masks must be removed).
 */
public record UnmaskRequest(String jobId, int round, List<String> survivors, List<String> dropped) {
    public UnmaskRequest {
        survivors = List.copyOf(survivors);
        dropped = List.copyOf(dropped);
    }
}
