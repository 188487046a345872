package org.medfed.method;

/**
 * How much one released quantity can change when one row is added to or removed from the rows
 * it summarizes: the bound a differential-privacy mechanism is calibrated from. A method's site
 * half states it (in {@link Disclosure#sensitivities()}) for every quantity it can release with
 * noise, after clipping its inputs so that the bound holds; the site's release gate, not the
 * hub, reads it, so a hub cannot understate it to get less noise.
 *
 * @param l1              bound on the L1 norm of the change (Laplace is calibrated from it)
 * @param l2              bound on the L2 norm of the change (Gaussian is calibrated from it)
 * @param modelParameters whether the quantity is a site's locally fitted model parameters (the
 *                        policy may noise these even when the analyst asked for no DP:
 *                        {@code parameter_noise: laplace})
 * @param elementBounds   optionally, how far one row can move each element (null: not stated).
 *                        With them the gate gives each element noise in proportion to its own
 *                        bound (every element an equal share of ε) instead of one scale for the
 *                        whole release, so that a count beside a sum of large values is not
 *                        drowned in the sum's noise
 */
public record Sensitivity(double l1, double l2, boolean modelParameters, double[] elementBounds) {

    public Sensitivity {
        if (!(l1 >= 0) || Double.isInfinite(l1) || !(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("a sensitivity bound is finite and >= 0, got L1 " + l1 + ", L2 " + l2);
        }
        if (l2 > l1 * (1 + 1e-12)) {
            throw new IllegalArgumentException("an L2 bound cannot exceed the L1 bound (" + l2 + " > " + l1 + ")");
        }
        if (elementBounds != null) {
            elementBounds = elementBounds.clone();
            for (double b : elementBounds) {
                if (!(b >= 0) || Double.isInfinite(b)) {
                    throw new IllegalArgumentException("an element bound is finite and >= 0, got " + b);
                }
            }
        }
    }

    /** Total bounds only. */
    public Sensitivity(double l1, double l2, boolean modelParameters) {
        this(l1, l2, modelParameters, null);
    }

    /**
     * A vector each of whose elements one row can move by at most {@code bounds[i]}, all at once
     * (sums over columns of values clipped to [-B_i, B_i]): L1 = Σ B_i, L2 = √(Σ B_i²).
     */
    public static Sensitivity elementwise(double... bounds) {
        double l1 = 0;
        double squares = 0;
        for (double b : bounds) {
            l1 += b;
            squares += b * b;
        }
        return new Sensitivity(l1, Math.min(l1, Math.sqrt(squares)), false, bounds);
    }

    @Override
    public double[] elementBounds() {
        return elementBounds == null ? null : elementBounds.clone();
    }

    public boolean hasElementBounds() {
        return elementBounds != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sensitivity s && s.l1 == l1 && s.l2 == l2 && s.modelParameters == modelParameters
                && java.util.Arrays.equals(s.elementBounds, elementBounds);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(l1, l2, modelParameters) * 31 + java.util.Arrays.hashCode(elementBounds);
    }

    @Override
    public String toString() {
        return "Sensitivity[l1=" + l1 + ", l2=" + l2 + (modelParameters ? ", model parameters" : "")
                + (elementBounds == null ? "" : ", elements=" + java.util.Arrays.toString(elementBounds)) + "]";
    }

    /**
     * A vector each of whose elements one row changes by at most {@code perElement} and of which
     * one row touches at most {@code touched} elements (a count table: 1 and 1; a vector of sums
     * of values clipped to [-B, B]: B and the number of columns).
     */
    public static Sensitivity bounded(double perElement, int touched) {
        if (touched < 0) {
            throw new IllegalArgumentException("negative number of touched elements");
        }
        return new Sensitivity(perElement * touched, perElement * Math.sqrt(touched), false);
    }

    /** A count of rows, or a table of counts in which each row falls in exactly one cell. */
    public static Sensitivity counts() {
        return new Sensitivity(1, 1, false);
    }

    /** The same bounds for a quantity that holds locally fitted model parameters. */
    public Sensitivity asModelParameters() {
        return new Sensitivity(l1, l2, true, elementBounds);
    }
}
