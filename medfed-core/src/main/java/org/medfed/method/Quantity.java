package org.medfed.method;

import java.util.Arrays;

/**
 * One value a site is allowed to release in a round: its name, shape and how it is aggregated.
 * A site's contribution must consist of exactly the declared quantities with exactly these
 * lengths; the release gate refuses anything else. {@code description} says in words what the
 * value is (it appears in audit logs and the result's privacy block).
 */
public record Quantity(String name, int[] shape, Aggregation aggregation, String description) {

    public Quantity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("quantity needs a name");
        }
        shape = shape.clone();
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + name);
            }
        }
    }

    public static Quantity sum(String name, String description, int... shape) {
        return new Quantity(name, shape, Aggregation.SUM, description);
    }

    public static Quantity perSite(String name, String description, int... shape) {
        return new Quantity(name, shape, Aggregation.PER_SITE, description);
    }

    public static Quantity union(String name, String description) {
        return new Quantity(name, new int[0], Aggregation.UNION, description);
    }

    /** Number of doubles this quantity holds (1 for a scalar; ignored for UNION). */
    public int length() {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && q.name.equals(name) && Arrays.equals(q.shape, shape)
                && q.aggregation == aggregation && q.description.equals(description);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + ":" + aggregation;
    }
}
