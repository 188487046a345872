package org.medfed.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return of(result, runtime, job, rounds, released, secureAggregation, List.of());
    }

    /**
     * @param noise every site's noise notes ({@code NoiseNote#toJson}), in site order and then
     *              release order; empty when no release was noised
     */
    public static ObjectNode of(MethodResult result, String runtime, String job, int rounds, List<String> released,
                                boolean secureAggregation, List<? extends JsonNode> noise) {
        ObjectNode json = result.toJson();
        // A method may state what its releases reveal (a survival job's time grid, the pooled Cox
        // design's event times); the runtime's facts go into the same block, after the method's.
        ObjectNode privacy = json.get("privacy") instanceof ObjectNode own ? own : json.putObject("privacy");
        privacy.put("secure_aggregation", secureAggregation);
        privacy.put("runtime", runtime);
        ArrayNode names = privacy.putArray("released");
        released.forEach(names::add);
        privacy.put("rounds", rounds);
        privacy.set("differential_privacy", differentialPrivacy(noise));
        ObjectNode provenance = json.putObject("provenance");
        provenance.put("software", "medfed " + Version.current());
        provenance.put("runtime", runtime);
        if (job != null) {
            provenance.put("job", job);
        }
        provenance.put("java", System.getProperty("java.version"));
        return json;
    }

    /**
     * {@code {"noised": bool, "sites": [{site, dataset, epsilon, delta, releases: [notes]}]}}: per
     * site what this job spent (the last note's running total) and every noised release.
     */
    private static ObjectNode differentialPrivacy(List<? extends JsonNode> noise) {
        ObjectNode dp = JsonNodeFactory.instance.objectNode();
        dp.put("noised", !noise.isEmpty());
        Map<String, ObjectNode> bySite = new LinkedHashMap<>();
        ArrayNode sites = dp.putArray("sites");
        for (JsonNode note : noise) {
            String site = note.path("site").asText();
            ObjectNode entry = bySite.computeIfAbsent(site, s -> {
                ObjectNode e = sites.addObject();
                e.put("site", s);
                e.put("dataset", note.path("dataset").asText());
                e.putArray("releases");
                return e;
            });
            entry.put("epsilon", note.path("job_spent").path("epsilon").asDouble());
            entry.put("delta", note.path("job_spent").path("delta").asDouble());
            ((ArrayNode) entry.get("releases")).add(note);
        }
        return dp;
    }
}
