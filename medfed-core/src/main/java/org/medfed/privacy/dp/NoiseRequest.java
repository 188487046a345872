package org.medfed.privacy.dp;

import java.util.Locale;

/**
 * The noise wanted on each release: the mechanism and its per-release privacy parameters. An
 * analyst asks for it on a job ({@code --dp laplace:0.5}, {@code --dp gaussian:0.5:1e-6}); a
 * site's policy states its own. It says nothing about sensitivity: the site's gate calibrates the
 * mechanism from the per-row bound the method's site half declares.
 *
 * @param mechanism laplace (pure ε-DP, δ = 0) or gaussian ((ε, δ)-DP, accounted in zCDP)
 * @param epsilon   ε of one release, > 0
 * @param delta     δ of one release: 0 for Laplace, in (0, 1) for Gaussian
 */
public record NoiseRequest(Kind mechanism, double epsilon, double delta) {

    /** The two mechanisms a site can apply. */
    public enum Kind {
        LAPLACE, GAUSSIAN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public NoiseRequest {
        if (mechanism == null) {
            throw new IllegalArgumentException("a noise request names its mechanism (laplace or gaussian)");
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("ε must be positive and finite, got " + epsilon);
        }
        if (mechanism == Kind.LAPLACE && delta != 0) {
            throw new IllegalArgumentException("the Laplace mechanism has δ = 0, got " + delta);
        }
        if (mechanism == Kind.GAUSSIAN && !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("the Gaussian mechanism needs 0 < δ < 1, got " + delta);
        }
    }

    public static NoiseRequest laplace(double epsilon) {
        return new NoiseRequest(Kind.LAPLACE, epsilon, 0);
    }

    public static NoiseRequest gaussian(double epsilon, double delta) {
        return new NoiseRequest(Kind.GAUSSIAN, epsilon, delta);
    }

    /**
     * Parses {@code laplace:EPSILON} or {@code gaussian:EPSILON:DELTA}; an
     * {@link IllegalArgumentException} saying what is wrong otherwise.
     */
    public static NoiseRequest parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":");
        String usage = "expected laplace:EPSILON or gaussian:EPSILON:DELTA, got '" + text + "'";
        if (parts.length < 2) {
            throw new IllegalArgumentException(usage);
        }
        Kind kind;
        try {
            kind = Kind.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(usage);
        }
        if (kind == Kind.LAPLACE && parts.length != 2 || kind == Kind.GAUSSIAN && parts.length != 3) {
            throw new IllegalArgumentException(usage);
        }
        double epsilon = number(parts[1], "ε", usage);
        double delta = kind == Kind.GAUSSIAN ? number(parts[2], "δ", usage) : 0;
        return new NoiseRequest(kind, epsilon, delta);
    }

    /** The text {@link #parse} reads back. */
    public String text() {
        return kind() + ":" + repr(epsilon) + (mechanism == Kind.GAUSSIAN ? ":" + repr(delta) : "");
    }

    private String kind() {
        return mechanism.label();
    }

    /**
     * Whether releases noised as this request says are at least as private as releases noised as
     * {@code other} says: the same mechanism with ε and δ no larger.
     */
    public boolean atLeastAsPrivateAs(NoiseRequest other) {
        return mechanism == other.mechanism && epsilon <= other.epsilon && delta <= other.delta;
    }

    /** The mechanism for a release of {@code dimension} elements with the given per-row bounds. */
    public Mechanism calibrate(double l1Sensitivity, double l2Sensitivity, int dimension) {
        return mechanism == Kind.LAPLACE
                ? LaplaceMechanism.calibrate(epsilon, l1Sensitivity, dimension)
                : GaussianMechanism.calibrate(epsilon, delta, l2Sensitivity, dimension);
    }

    private static double number(String s, String what, String usage) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: " + usage);
        }
    }

    private static String repr(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return text();
    }
}
