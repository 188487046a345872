package org.medfed.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medfed.error.UsageException;

/**
 * One mapping of a YAML configuration file, with typed access by key. Every error names the
 * file and the key path ("site.yaml: policy.min_rows: expected a whole number, found 'ten'").
 */
public final class ConfigNode {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

    private final Path file;
    private final String path;
    private final JsonNode node;

    private ConfigNode(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Reads a YAML file whose top level is a mapping. */
    public static ConfigNode load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("configuration file " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UsageException(file + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new UsageException(file + ": expected a mapping of keys (e.g. 'name: site-a')");
        }
        return new ConfigNode(file.toAbsolutePath().normalize(), "", root);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    public Path file() {
        return file;
    }

    /** Fails on any key outside {@code known}, listing the known ones. */
    public ConfigNode only(String... known) {
        Set<String> allowed = Set.of(known);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(key, "unknown key (known keys: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    /** The keys of this mapping, in file order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    public boolean has(String key) {
        return node.hasNonNull(key);
    }

    public UsageException error(String key, String message) {
        return new UsageException(file.getFileName() + ": " + qualified(key) + ": " + message);
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public String string(String key, String fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw error(key, "expected a single value");
        }
        return v.asText();
    }

    public String requireString(String key) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            throw error(key, "required");
        }
        return v;
    }

    /** A file path, resolved against the configuration file's folder when relative. */
    public Path path(String key, Path fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        return resolve(v);
    }

    public Path requirePath(String key) {
        return resolve(requireString(key));
    }

    public Path resolve(String value) {
        Path p = Path.of(value);
        return p.isAbsolute() ? p : file.getParent().resolve(p).normalize();
    }

    public int integer(String key, int fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !(v.isIntegralNumber() || v.asText().matches("-?\\d+"))) {
            throw error(key, "expected a whole number, found '" + v.asText() + "'");
        }
        return v.isNumber() ? v.intValue() : Integer.parseInt(v.asText());
    }

    public double number(String key, double fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            throw error(key, "expected a number, found '" + v.asText() + "'");
        }
    }

    /** A duration such as {@code 30s}, {@code 250ms}, {@code 10m}, {@code 2h}, {@code 1d}; a bare number is seconds. */
    public Duration duration(String key, Duration fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw error(key, "expected a duration like 30s, 10m or 2h, found '" + v + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = amount * switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** A list of strings; a single value is a one-element list. */
    public List<String> strings(String key, List<String> fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isValueNode()) {
                    throw error(key, "expected a list of names");
                }
                out.add(e.asText());
            }
        } else if (v.isValueNode()) {
            out.add(v.asText());
        } else {
            throw error(key, "expected a list of names");
        }
        return out;
    }

    /** A nested mapping, or an empty one when absent. */
    public ConfigNode child(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return new ConfigNode(file, qualified(key), YAML.createObjectNode());
        }
        if (!v.isObject()) {
            throw error(key, "expected a mapping of keys");
        }
        return new ConfigNode(file, qualified(key), v);
    }

    /** The entries of a nested mapping whose values are themselves mappings (e.g. datasets by name). */
    public Map<String, ConfigNode> children(String key) {
        ConfigNode parent = child(key);
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        for (Iterator<String> it = parent.node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            out.put(name, parent.child(name));
        }
        return out;
    }
}
