package org.medfed.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.medfed.result.ResultJson;
import java.util.List;
import java.util.Map;
import org.medfed.method.MethodResult;
import org.medfed.site.ReleaseRecord;

/**
 * The outcome of a simulated job: the method's result, the number of rounds, what each site
 * released (by site name, in release order), and — when secure aggregation was on — the seconds
 * spent in key agreement, masking and unmasking (else null).
 */
public record Simulation(MethodResult result, int rounds, Map<String, List<ReleaseRecord>> releases,
                         List<String> releasedNames, long elapsedNanos, double[] secureAggregationSeconds) {

    /** Whether SUM quantities went through secure aggregation. */
    public boolean secureAggregation() {
        return secureAggregationSeconds != null;
    }

    /** The result JSON with the runtime's privacy and provenance blocks added. */
    public ObjectNode toJson() {
        return ResultJson.of(result, "simulator", null, rounds, releasedNames, secureAggregation());
    }
}
