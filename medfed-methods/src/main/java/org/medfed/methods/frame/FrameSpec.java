package org.medfed.methods.frame;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medfed.formula.FactorLevels;
import org.medfed.method.Payload;

/**
 * The harmonized frame every site builds: which referenced variables are numeric, and the level
 * order of every factor. Travels to the sites as labels in a request payload.
 */
public record FrameSpec(Set<String> numericVariables, FactorLevels levels) {
    private static final String NUMERIC = "frame.numeric";
    private static final String LEVELS = "frame.levels:";

    public void writeTo(Payload.Builder payload) {
        payload.put(NUMERIC, new ArrayList<>(numericVariables));
        levels.levels().forEach((key, lv) -> payload.put(LEVELS + key, lv));
    }

    /**
     * The result's {@code model_frame}: which variables were read as numbers and every factor's
     * levels in the order the design used (what a stored model needs to rebuild the design).
     */
    public void putJson(ObjectNode root) {
        ObjectNode frame = root.putObject("model_frame");
        ArrayNode numeric = frame.putArray("numeric");
        numericVariables.forEach(numeric::add);
        ObjectNode byFactor = frame.putObject("levels");
        levels.levels().forEach((key, lv) -> {
            ArrayNode a = byFactor.putArray(key);
            lv.forEach(a::add);
        });
    }

    public static FrameSpec readFrom(Payload payload) {
        Set<String> numeric = new LinkedHashSet<>(payload.label(NUMERIC));
        Map<String, List<String>> levels = new LinkedHashMap<>();
        payload.labels().forEach((name, values) -> {
            if (name.startsWith(LEVELS)) {
                levels.put(name.substring(LEVELS.length()), values);
            }
        });
        return new FrameSpec(numeric, new FactorLevels(levels));
    }
}
