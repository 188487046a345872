package org.medfed.method;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A finished analysis. {@link #toJson()} is the contract other tools read (SPEC.md's result
 * shape); {@link #toText()} is the table a person reads on a terminal.
 */
public interface MethodResult {

    ObjectNode toJson();

    String toText();

    /**
     * Puts a number into a result's JSON: finite values as they are, NaN and infinities as null,
     * since JSON has no such numbers (R's {@code NA}/{@code Inf} become null in the contract).
     */
    static void putFinite(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
    }

    /** Warnings to show the analyst (R's warning texts where R would warn). */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }
}
