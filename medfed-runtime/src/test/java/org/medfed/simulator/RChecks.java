package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Values R produced for the tests: the JSON files under {@code src/test/resources/r-checks/}, each
 * beside the R script that wrote it (whose header gives the exact command; R never runs in the
 * build). Among them R's answers for the tests, correlations and t-tests no shared fixture carries,
 * computed on the lung fixture's pooled rows by {@code r-checks/lung-tests.R}.
 */
final class RChecks {
    private static final JsonNode LUNG = read("lung-tests.json");

    private RChecks() {
    }

    static JsonNode lung(String key) {
        JsonNode node = LUNG.path(key);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("r-checks/lung-tests.json has no " + key);
        }
        return node;
    }

    /** The JSON file {@code name} of {@code r-checks/}. */
    static JsonNode read(String name) {
        try (InputStream in = RChecks.class.getResourceAsStream("/r-checks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource r-checks/" + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number as the R script writes it ("Inf" for infinity). */
    static double number(JsonNode n) {
        if (n.isTextual()) {
            return switch (n.asText()) {
                case "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + n);
            };
        }
        return n.asDouble();
    }

    static void assertClose(JsonNode expected, double actual, double relative, String what) {
        assertClose(number(expected), actual, relative, what);
    }

    static void assertClose(double expected, double actual, double relative, String what) {
        boolean ok = expected == actual || Math.abs(actual - expected) <= relative * Math.abs(expected);
        assertTrue(ok, what + ": expected " + expected + ", got " + actual + " (relative error "
                + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[rows.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return m;
    }
}
