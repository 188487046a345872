package org.medfed.methods.km;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The parts that the Kaplan–Meier and log-rank results share, both being read from the same
 * pooled counts: the head of the JSON document, the first line of the text, its aligned table and
 * the closing notes (coarsening, gate cuts).
 */
final class CountsResults {
    private CountsResults() {
    }

    /** A result document begun with the method, the row filter (if any) and the sites. */
    static ObjectNode document(String method, String where, List<String> sites) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("method", method);
        if (where != null) {
            root.put("where", where);
        }
        ArrayNode s = root.putArray("sites");
        sites.forEach(name -> s.addObject().put("name", name));
        return root;
    }

    /** "TITLE: Surv(time, event) ~ RHS at 3 sites (a, b, c), subset = WHERE" and a blank line. */
    static void heading(StringBuilder sb, String title, String time, String event, String rhs, List<String> sites,
                        String where) {
        sb.append(title).append(": Surv(").append(time).append(", ").append(event).append(") ~ ").append(rhs)
                .append(" at ").append(sites.size()).append(sites.size() == 1 ? " site (" : " sites (")
                .append(String.join(", ", sites)).append(")").append(where == null ? "" : ", subset = " + where)
                .append("\n\n");
    }

    /** The result's notes, after a blank line, one "Note: " line each; nothing without notes. */
    static void notes(StringBuilder sb, List<String> notes) {
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(line -> sb.append("Note: ").append(line).append('\n'));
        }
    }
}
