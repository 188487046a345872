package org.medfed.methods.describe;

import org.medfed.method.Sensitivity;

/**
 * The analyst's clipping bounds for one numeric column: values are clamped into [lo, hi] before
 * they are summed, so that one row's effect on each released sum is bounded.
 */
record Clip(double lo, double hi) {

    Clip {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("clipping bounds must be finite with lo <= hi, got [" + lo + ", " + hi + "]");
        }
    }

    double apply(double x) {
        return Math.min(hi, Math.max(lo, x));
    }

    /** The most one row changes the column's sum of clipped values. */
    double sumBound() {
        return Math.max(Math.abs(lo), Math.abs(hi));
    }

    /** The most one row changes the column's sum of squared deviations from {@code mean}. */
    double squaredDeviationBound(double mean) {
        double a = lo - mean;
        double b = hi - mean;
        return Math.max(a * a, b * b);
    }

    /**
     * The sensitivity of a vector each of whose elements one row changes by at most
     * {@code perElement[j]} (a row has a value in every column): L1 is their sum, L2 the root
     * of their sum of squares. Null when a bound is not finite (no sensitivity can be declared).
     */
    static Sensitivity ofVector(double[] perElement) {
        double l1 = 0;
        double squares = 0;
        for (double b : perElement) {
            l1 += b;
            squares += b * b;
        }
        if (!Double.isFinite(l1) || !Double.isFinite(squares)) {
            return null;
        }
        return Sensitivity.elementwise(perElement);
    }
}
