package org.medfed.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one line format of the audit log, both ways, and the hash. A record is one flat JSON
 * object whose fields always appear, in this order:
 * {@code seq, time, site, kind, job, analyst, method, dataset, round, step, rows, quantities,
 * reason, prev, hash} (absent strings are {@code null}). The line is the compact serialization
 * of that object, so the hashed bytes are exactly the line with {@code ,"hash":"…"} cut out.
 * Writing and verifying share this class, so they cannot disagree about the canonical form.
 */
public final class AuditJson {
    /** The {@code prev} of record 1, and the head of an empty log. */
    public static final String GENESIS = "0".repeat(64);

    private static final List<String> FIELDS = List.of("seq", "time", "site", "kind", "job", "analyst", "method",
            "dataset", "round", "step", "rows", "quantities", "reason", "prev", "hash");
    private static final Set<String> QUANTITY_FIELDS = Set.of("name", "shape", "aggregation", "sha256");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    // Strict reading: a duplicated key or text after the object could hide an edit from a reader
    // that takes the other copy, so both make the line invalid.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AuditJson() {
    }

    /** The record as its JSON line object (with the hash field). */
    public static ObjectNode toJson(AuditRecord r) {
        ObjectNode node = unhashed(r.seq(), r.time(), r.site(), r.event(), r.prev());
        node.put("hash", r.hash());
        return node;
    }

    /** The text of the record's log line, without the line end. */
    public static String toLine(AuditRecord r) {
        return compact(toJson(r));
    }

    /**
     * The record's hash: lowercase hex SHA-256 of the UTF-8 bytes of the compact JSON object
     * holding every field but {@code hash}, in the fixed order above. {@code prev} is inside, so
     * each hash covers the whole history before it.
     */
    public static String hash(long seq, Instant time, String site, AuditEvent event, String prev) {
        byte[] canonical = compact(unhashed(seq, time, site, event, prev)).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(ReleasedQuantity.newDigest().digest(canonical));
    }

    /** The hash that {@code r}'s contents call for (differs from {@code r.hash()} when edited). */
    public static String recomputeHash(AuditRecord r) {
        return hash(r.seq(), r.time(), r.site(), r.event(), r.prev());
    }

    private static String compact(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    private static ObjectNode unhashed(long seq, Instant time, String site, AuditEvent e, String prev) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("seq", seq);
        n.put("time", time.toString());
        n.put("site", site);
        n.put("kind", e.kind());
        n.put("job", e.job());
        n.put("analyst", e.analyst());
        n.put("method", e.method());
        n.put("dataset", e.dataset());
        n.put("round", e.round());
        n.put("step", e.step());
        n.put("rows", e.rows());
        ArrayNode qs = n.putArray("quantities");
        for (ReleasedQuantity q : e.quantities()) {
            ObjectNode qn = qs.addObject();
            qn.put("name", q.name());
            ArrayNode shape = qn.putArray("shape");
            for (int d : q.shape()) {
                shape.add(d);
            }
            qn.put("aggregation", q.aggregation());
            qn.put("sha256", q.sha256());
        }
        n.put("reason", e.reason());
        n.put("prev", prev);
        return n;
    }

    /**
     * Reads one log line. Throws {@link IllegalArgumentException} with a message for a person
     * ("not JSON: ...", "field 'seq' is missing") when the line is not a well-formed record.
     */
    public static AuditRecord parseLine(String line) {
        if (line.isBlank()) {
            throw new IllegalArgumentException("the line is empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            int nl = why.indexOf('\n');
            throw new IllegalArgumentException("not JSON (" + (nl < 0 ? why : why.substring(0, nl))
                    + " at column " + e.getLocation().getColumnNr() + ")");
        }
        return fromJson(node);
    }

    /** Reads one record object (as in a line, or an element of {@code audit show --json}). */
    public static AuditRecord fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unexpected field '" + f + "'");
            }
        }
        for (String f : FIELDS) {
            if (!node.has(f)) {
                throw new IllegalArgumentException("field '" + f + "' is missing");
            }
        }
        long seq = whole(node, "seq");
        if (seq < 1) {
            throw new IllegalArgumentException("field 'seq' must be 1 or more");
        }
        Instant time;
        try {
            time = Instant.parse(text(node, "time", false));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field 'time' is not an ISO-8601 UTC time");
        }
        List<ReleasedQuantity> quantities = new ArrayList<>();
        JsonNode qs = node.get("quantities");
        if (!qs.isArray()) {
            throw new IllegalArgumentException("field 'quantities' must be a list");
        }
        for (JsonNode q : qs) {
            quantities.add(quantity(q));
        }
        AuditEvent event = new AuditEvent(text(node, "kind", false), text(node, "job", true),
                text(node, "analyst", true), text(node, "method", true), text(node, "dataset", true),
                (int) whole(node, "round"), text(node, "step", true), quantities, (int) whole(node, "rows"),
                text(node, "reason", true));
        return new AuditRecord(seq, time, text(node, "site", false), event, hex(node, "prev"), hex(node, "hash"));
    }

    private static ReleasedQuantity quantity(JsonNode q) {
        if (!q.isObject()) {
            throw new IllegalArgumentException("an entry of 'quantities' is not an object");
        }
        for (Iterator<String> it = q.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!QUANTITY_FIELDS.contains(f)) {
                throw new IllegalArgumentException("unexpected field '" + f + "' in a quantity");
            }
        }
        JsonNode shapeNode = q.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new IllegalArgumentException("a quantity's 'shape' must be a list of whole numbers");
        }
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!shapeNode.get(i).isInt()) {
                throw new IllegalArgumentException("a quantity's 'shape' must be a list of whole numbers");
            }
            shape[i] = shapeNode.get(i).intValue();
        }
        return new ReleasedQuantity(text(q, "name", false), shape, text(q, "aggregation", false),
                hex(q, "sha256"));
    }

    private static long whole(JsonNode node, String field) {
        JsonNode v = node.get(field);
        // Only plain integers: "3" or 3.0 would parse to the same number but read differently.
        if (!v.isIntegralNumber() || !v.canConvertToLong()
                || (!field.equals("seq") && !v.canConvertToInt())) {
            throw new IllegalArgumentException("field '" + field + "' must be a whole number");
        }
        return v.longValue();
    }

    private static String text(JsonNode node, String field, boolean nullable) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (nullable) {
                return null;
            }
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be text");
        }
        return v.textValue();
    }

    private static String hex(JsonNode node, String field) {
        String s = text(node, field, false);
        if (!HEX64.matcher(s).matches()) {
            throw new IllegalArgumentException("field '" + field + "' is not a SHA-256 (64 lowercase hex digits)");
        }
        return s;
    }

    static boolean isHash(String s) {
        return s != null && HEX64.matcher(s).matches();
    }
}
