package org.medfed.site;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A site's release policy: the rules its {@link ReleaseGate} applies to every job and every
 * contribution. The defaults follow DataSHIELD's disclosure filters: at least 10 rows in any
 * computation, at most 0.33 model parameters per row ({@code nfilter.glm}).
 *
 * @param allowedMethods      methods this site runs; {@code null} means every method medfed has
 * @param minRows             the fewest rows any released value may summarize
 * @param maxParametersRatio  the largest (model parameters / rows) a released value may be computed for
 * @param approval            whether jobs run on arrival or wait for the site operator
 */
public record ReleasePolicy(Set<String> allowedMethods, int minRows, double maxParametersRatio, Approval approval) {

    /** When a job may start computing at this site. */
    public enum Approval {
        AUTO, MANUAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int DEFAULT_MIN_ROWS = 10;
    public static final double DEFAULT_MAX_PARAMETERS_RATIO = 0.33;

    public ReleasePolicy {
        allowedMethods = allowedMethods == null ? null : Set.copyOf(allowedMethods);
        if (minRows < 0) {
            throw new IllegalArgumentException("min_rows must be >= 0");
        }
        if (!(maxParametersRatio > 0)) {
            throw new IllegalArgumentException("max_parameters_ratio must be > 0");
        }
    }

    /** The defaults a site gets when its configuration says nothing. */
    public static ReleasePolicy defaults() {
        return new ReleasePolicy(null, DEFAULT_MIN_ROWS, DEFAULT_MAX_PARAMETERS_RATIO, Approval.AUTO);
    }

    /**
     * No disclosure rules: the in-process simulator's default, where the analyst already holds
     * every file. Structural checks (only declared quantities leave) still apply.
     */
    public static ReleasePolicy permissive() {
        return new ReleasePolicy(null, 0, Double.POSITIVE_INFINITY, Approval.AUTO);
    }

    public boolean allows(String method) {
        return allowedMethods == null || allowedMethods.contains(method);
    }

    /** Why a job of this method may not run here, or null. */
    public String refuseMethod(String method) {
        if (allows(method)) {
            return null;
        }
        return "method " + method + " is not allowed (policy allowed_methods: "
                + String.join(", ", new TreeSet<>(allowedMethods)) + ")";
    }

    /** Why values summarizing {@code rows} rows for {@code parameters} parameters may not leave, or null. */
    public String refuseRelease(int rows, int parameters) {
        if (rows < minRows) {
            return rows + " rows < " + minRows + " (policy min_rows)";
        }
        if (parameters > 0 && parameters > maxParametersRatio * rows) {
            return String.format(Locale.ROOT, "%d parameters for %d rows: ratio %.3g > %s (policy max_parameters_ratio)",
                    parameters, rows, (double) parameters / rows, trim(maxParametersRatio));
        }
        return null;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
