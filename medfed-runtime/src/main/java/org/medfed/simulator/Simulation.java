package org.medfed.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode json = result.toJson();
        ObjectNode privacy = json.putObject("privacy");
        privacy.put("secure_aggregation", false);
        privacy.put("runtime", "simulator");
        ArrayNode released = privacy.putArray("released");
        releasedNames.forEach(released::add);
        privacy.put("rounds", rounds);
        ObjectNode provenance = json.putObject("provenance");
        provenance.put("software", "medfed " + Version.current());
        provenance.put("runtime", "simulator");
        provenance.put("java", System.getProperty("java.version"));
        return json;
    }
}
