package org.medfed.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.medfed.result.ResultJson;
import java.util.List;
import java.util.Map;
import org.medfed.method.MethodResult;
import org.medfed.site.ReleaseRecord;

/**
 * The outcome of a simulated job: the method's result, the number of rounds, and what each site
 * released (by site name, in release order).
 */
public record Simulation(MethodResult result, int rounds, Map<String, List<ReleaseRecord>> releases,
                         List<String> releasedNames, long elapsedNanos) {

    /** The result JSON with the runtime's privacy and provenance blocks added. */
    public ObjectNode toJson() {
        return ResultJson.of(result, "simulator", null, rounds, releasedNames);
    }
}
