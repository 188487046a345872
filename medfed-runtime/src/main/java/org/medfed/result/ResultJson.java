package org.medfed.result;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.medfed.method.MethodResult;

/** Builds a result's JSON document with the runtime's privacy and provenance blocks. */
public final class ResultJson {
    private ResultJson() {
    }

    /**
     * @param runtime  "simulator" or "hub"
     * @param job      the hub's job id, or null in the simulator
     * @param released names of the quantities sites released, in first-release order
     */
    public static ObjectNode of(MethodResult result, String runtime, String job, int rounds, List<String> released) {
        return of(result, runtime, job, rounds, released, false);
    }

    /** @param secureAggregation whether every SUM was computed by secure aggregation */
    public static ObjectNode of(MethodResult result, String runtime, String job, int rounds, List<String> released,
                                boolean secureAggregation) {
        ObjectNode json = result.toJson();
        ObjectNode privacy = json.putObject("privacy");
        privacy.put("secure_aggregation", secureAggregation);
        privacy.put("runtime", runtime);
        ArrayNode names = privacy.putArray("released");
        released.forEach(names::add);
        privacy.put("rounds", rounds);
        ObjectNode provenance = json.putObject("provenance");
        provenance.put("software", "medfed " + Version.current());
        provenance.put("runtime", runtime);
        if (job != null) {
            provenance.put("job", job);
        }
        provenance.put("java", System.getProperty("java.version"));
        return json;
    }
}
