package org.medfed.methods.frame;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medfed.data.Table;
import org.medfed.formula.Design;
import org.medfed.formula.DesignLayout;
import org.medfed.formula.FactorLevels;
import org.medfed.formula.Formula;
import org.medfed.formula.ModelFrame;
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
     * The design of {@code formula} on a site's {@code table} under these levels and numeric
     * columns, for the rows {@code keep} marks (null: all): what every model round builds first.
     */
    public Design design(Table table, Formula formula, boolean[] keep) {
        DesignLayout layout = DesignLayout.of(formula, levels, numericVariables);
        return ModelFrame.build(table, formula, layout, levels, numericVariables, null, keep);
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
