package org.medfed.methods.describe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import org.medfed.method.MethodResult;

/** Number formatting and column alignment shared by the descriptive results' JSON and text. */
final class ResultText {
    private ResultText() {
    }

    /** A finite number, or null (JSON has no NaN). */
    static void number(ObjectNode o, String key, double value) {
        MethodResult.putFinite(o, key, value);
    }

    /** A count: an integer when it is one (it may not be, once a gate has added noise). */
    static void count(ObjectNode o, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            o.put(key, (long) value);
        } else {
            number(o, key, value);
        }
    }

    static void count(ArrayNode a, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            a.add((long) value);
        } else if (Double.isFinite(value)) {
            a.add(value);
        } else {
            a.addNull();
        }
    }

    /** A result document begun as every descriptive result begins: method, filter, sites, rows counted. */
    static ObjectNode document(String method, String where, List<String> sites, double n) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("method", method);
        if (where != null) {
            root.put("where", where);
        }
        ArrayNode s = root.putArray("sites");
        sites.forEach(name -> s.addObject().put("name", name));
        count(root, "n", n);
        return root;
    }

    /** A string, or null. */
    static void text(ObjectNode o, String key, String value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }

    /** The first lines of a result's text: what was counted ("Summary of 228 rows"), at which sites, under which filter. */
    static String heading(String counted, List<String> sites, String where) {
        return counted + " at " + sites.size() + (sites.size() == 1 ? " site (" : " sites (")
                + String.join(", ", sites) + ")" + (where == null ? "" : ", subset = " + where) + "\n\n";
    }

    static void levels(ObjectNode options, Map<String, List<String>> levels) {
        ObjectNode node = options.putObject("levels");
        levels.forEach((factor, lv) -> {
            ArrayNode a = node.putArray(factor);
            lv.forEach(a::add);
        });
    }

    /** R's default print: 7 significant digits, NA for undefined values. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e15)) {
            return String.format(java.util.Locale.ROOT, "%.6e", v);
        }
        return new BigDecimal(v).round(new MathContext(7)).stripTrailingZeros().toPlainString();
    }

    /** Rows of cells as aligned text: the first column left-aligned, the others right-aligned. */
    static String grid(List<List<String>> rows, String indent) {
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] w = new int[width];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                String fill = " ".repeat(w[i] - cell.length());
                if (i == 0) {
                    line.append(cell).append(fill);
                } else {
                    line.append(' ').append(fill).append(cell);
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
