package org.medfed.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named numeric arrays and named label lists: the body of a request (hub to site) or of a
 * contribution (site to hub). Numbers are dense {@code double[]} so that large releases move
 * without boxing. Payloads are treated as immutable once built.
 */
public record Payload(Map<String, double[]> numbers, Map<String, List<String>> labels) {

    public static final Payload EMPTY = new Payload(Map.of(), Map.of());

    public Payload {
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        labels.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        labels = Collections.unmodifiableMap(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The named array; an {@link IllegalStateException} if absent (a method bug, not a user error). */
    public double[] number(String name) {
        double[] v = numbers.get(name);
        if (v == null) {
            throw new IllegalStateException("payload has no number '" + name + "'");
        }
        return v;
    }

    public double scalar(String name) {
        return number(name)[0];
    }

    public boolean hasNumber(String name) {
        return numbers.containsKey(name);
    }

    public List<String> label(String name) {
        List<String> v = labels.get(name);
        if (v == null) {
            throw new IllegalStateException("payload has no labels '" + name + "'");
        }
        return v;
    }

    public boolean hasLabel(String name) {
        return labels.containsKey(name);
    }

    /** Accumulates entries in insertion order. */
    public static final class Builder {
        private final Map<String, double[]> numbers = new LinkedHashMap<>();
        private final Map<String, List<String>> labels = new LinkedHashMap<>();

        public Builder put(String name, double... values) {
            numbers.put(name, values);
            return this;
        }

        public Builder put(String name, List<String> values) {
            labels.put(name, values);
            return this;
        }

        public Payload build() {
            return new Payload(numbers, labels);
        }
    }
}
