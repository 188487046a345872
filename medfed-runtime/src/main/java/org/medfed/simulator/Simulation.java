package org.medfed.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.medfed.method.MethodResult;
import org.medfed.result.ResultJson;
import org.medfed.site.NoiseNote;
import org.medfed.site.ReleaseRecord;

/**
 * The outcome of a simulated job: the method's result, the number of rounds, what each site
 * released (by site name, in release order), the notes on any differential-privacy noise (site
 * order, then release order), and — when secure aggregation was on — the seconds spent in key
 * agreement, masking and unmasking (else null).
 */
public record Simulation(MethodResult result, int rounds, Map<String, List<ReleaseRecord>> releases,
                         List<String> releasedNames, long elapsedNanos, double[] secureAggregationSeconds,
                         List<NoiseNote> noise) {

    public Simulation {
        noise = noise == null ? List.of() : List.copyOf(noise);
    }

    /** A job none of whose releases was noised. */
    public Simulation(MethodResult result, int rounds, Map<String, List<ReleaseRecord>> releases,
                      List<String> releasedNames, long elapsedNanos, double[] secureAggregationSeconds) {
        this(result, rounds, releases, releasedNames, elapsedNanos, secureAggregationSeconds, List.of());
    }

    /** Whether SUM quantities went through secure aggregation. */
    public boolean secureAggregation() {
        return secureAggregationSeconds != null;
    }

    /** The result JSON with the runtime's privacy and provenance blocks added. */
    public ObjectNode toJson() {
        return ResultJson.of(result, "simulator", null, rounds, releasedNames, secureAggregation(),
                noise.stream().map(NoiseNote::toJson).toList());
    }
}
