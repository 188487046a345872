package org.medfed.method;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A finished analysis. {@link #toJson()} is the contract other tools read (SPEC.md's result
 * shape); {@link #toText()} is the table a person reads on a terminal.
 */
public interface MethodResult {

    ObjectNode toJson();

    String toText();

    /** Warnings to show the analyst (R's warning texts where R would warn). */
    default java.util.List<String> warnings() {
        return java.util.List.of();
    }
}
