package org.medfed.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One case of the shared R reference fixtures (copied under test resources {@code reference/}). */
public record ReferenceCase(String name, Path dir, JsonNode expected) {

    public static ReferenceCase load(String name) {
        try {
            Path dir = Path.of(ReferenceCase.class.getResource("/reference/" + name + "/expected.json").toURI()).getParent();
            return new ReferenceCase(name, dir, new ObjectMapper().readTree(dir.resolve("expected.json").toFile()));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read reference case " + name, e);
        }
    }

    /** Site name → file, in the fixture's site order. */
    public Map<String, Path> siteFiles() {
        Map<String, Path> files = new LinkedHashMap<>();
        for (JsonNode s : expected.path("data").path("sites")) {
            files.put(s.path("name").asText(), dir.resolve(s.path("file").asText()));
        }
        return files;
    }

    Path pooled() {
        return dir.resolve("pooled.csv");
    }

    /** Factor level orders the fixture's data_prep sets (the analyst's --levels). */
    Map<String, List<String>> levels() {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        expected.path("data").path("factor_levels").properties().forEach(e -> {
            List<String> lv = new ArrayList<>();
            e.getValue().forEach(v -> lv.add(v.asText()));
            levels.put(e.getKey(), lv);
        });
        return levels;
    }

    public JsonNode analysis(String key) {
        return expected.path("analyses").path(key);
    }
}
