package org.medfed.secagg;

import java.util.List;
import java.util.Map;

/** The hub's result of one round: the sum of each quantity over exactly the {@code included} sites. */
public record RoundSum(String jobId, int round, List<String> included, Map<String, double[]> sums) {
    public RoundSum {
        included = List.copyOf(included);
        sums = Map.copyOf(sums);
    }
}
