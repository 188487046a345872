package org.medfed.privacy.dp;

import java.util.function.ToDoubleFunction;

/**
 * Bounds a row's contribution so a declared sensitivity is true: a method that adds per-row
 * vectors (gradients, score contributions) clips each row before summing, and the sum then has
 * per-row sensitivity equal to the clipping bound. Non-finite input is refused rather than
 * clipped, because a NaN passes every comparison and would silently void the bound.
 */
public final class Clipping {

    private Clipping() {
    }

    public static double l1Norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += Math.abs(x);
        }
        return s;
    }

    public static double l2Norm(double[] v) {
        // Scaled like hypot so that very large or very small entries neither overflow nor underflow.
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        if (max == 0 || Double.isInfinite(max)) {
            return max;
        }
        double s = 0;
        for (double x : v) {
            double y = x / max;
            s += y * y;
        }
        return max * Math.sqrt(s);
    }

    /** Returns {@code v} scaled down so that its L2 norm is at most {@code bound}; a new array. */
    public static double[] clipL2(double[] v, double bound) {
        requireBound(bound);
        requireFinite(v);
        return scaledTo(v, Clipping::l2Norm, bound);
    }

    /** Returns {@code v} scaled down so that its L1 norm is at most {@code bound}; a new array. */
    public static double[] clipL1(double[] v, double bound) {
        requireBound(bound);
        requireFinite(v);
        return scaledTo(v, Clipping::l1Norm, bound);
    }

    public static double clamp(double x, double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp needs lo <= hi, got [" + lo + ", " + hi + "]");
        }
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("cannot clamp NaN");
        }
        return Math.min(hi, Math.max(lo, x));
    }

    /** Clamps every element into [lo, hi]; a new array. */
    public static double[] clamp(double[] v, double lo, double hi) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = clamp(v[i], lo, hi);
        }
        return out;
    }

    private static double[] scaledTo(double[] v, ToDoubleFunction<double[]> norm, double bound) {
        double[] out = v.clone();
        double n = norm.applyAsDouble(v);
        if (n > bound) {
            double f = bound / n;
            for (int i = 0; i < out.length; i++) {
                out[i] *= f;
            }
            // Rounding in the product can leave the norm an ulp or two above the bound; shave it so
            // the declared sensitivity holds exactly as stated, not approximately.
            while (norm.applyAsDouble(out) > bound) {
                for (int i = 0; i < out.length; i++) {
                    if (out[i] != 0) {
                        out[i] = Math.copySign(Math.nextDown(Math.abs(out[i])), out[i]);
                    }
                }
            }
        }
        return out;
    }

    private static void requireBound(double bound) {
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("clipping bound must be positive and finite, got " + bound);
        }
    }

    private static void requireFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("cannot clip a vector holding " + x);
            }
        }
    }
}
