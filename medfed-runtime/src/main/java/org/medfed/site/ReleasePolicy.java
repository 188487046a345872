package org.medfed.site;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.medfed.method.Disclosure;

/**
 * A site's release policy: the rules its {@link ReleaseGate} applies to every job and every
 * contribution. The defaults follow DataSHIELD's disclosure filters and vantage6's node policies:
 * at least 10 rows in any computation ({@code nfilter.subset}), at most 0.33 model parameters per
 * row ({@code nfilter.glm}), no released count between 1 and 2 ({@code nfilter.tab} = 3), at most
 * 40 levels per factor ({@code nfilter.levels.max}) and 0.33 levels per row
 * ({@code nfilter.levels.density}), at least 3 sites in a job, and the differencing guard on.
 *
 * @param allowedMethods     methods this site runs; {@code null} means every method medfed has
 * @param minRows            the fewest rows any released value may summarize; also the smallest
 *                           difference the differencing guard lets two row subsets have
 * @param maxParametersRatio the largest (model parameters / rows) a released value may be computed for
 * @param approval           whether jobs run on arrival or wait for the site operator
 * @param minCellCount       the smallest non-zero count a contribution may release (0 is allowed)
 * @param maxFactorLevels    the most levels a factor may have among the rows used
 * @param maxLevelDensity    the largest (levels / rows) a factor may have
 * @param minSites           the fewest sites a job (and a round that sums) must involve
 * @param differencingGuard  whether the site refuses row subsets that differ from an earlier
 *                           subset of the same analyst and dataset by fewer than {@code minRows} rows
 * @param allowPlainAggregation whether the site takes part in jobs whose sums are not securely aggregated
 * @param dp                 the differential-privacy rules and per-dataset budgets
 * @param allowExtremes      whether values that are one row's own value (a minimum, a maximum) may
 *                           leave; where not, the gate withholds them (sends NaN) and the job goes on
 * @param smallCells         what the gate does with a cell count between 1 and {@code minCellCount}
 *                           − 1 in a count vector the method declares suppressible (histogram bins):
 *                           set it to 0 and mark it suppressed (with the complements that
 *                           keep it from being recovered from totals, {@link CellSuppression}), or
 *                           refuse the release. Other counts (n, missing) are always refused
 * @param evaluationMinCellCount the smallest non-zero count of rows grouped by a model's fitted
 *                           values (model evaluation: score histograms, Hosmer–Lemeshow groups and
 *                           thresholds) a contribution may release; negative means the same as
 *                           {@code minCellCount}. A separate rule because exact model evaluation
 *                           needs counts of 1 (a fine histogram of fitted probabilities places
 *                           rows one by one), and a site that accepts that should not have to
 *                           lower the minimum for its tables too
 * @param allowEventTimes    whether values resolved by individual event or censoring times may
 *                           leave (a survival time grid and counts or sums per grid time: Kaplan–Meier,
 *                           log-rank, the pooled-baseline Cox design); where not, a Cox model can
 *                           still run stratified by site, which releases no times
 */
public record ReleasePolicy(Set<String> allowedMethods, int minRows, double maxParametersRatio, Approval approval,
                            int minCellCount, int maxFactorLevels, double maxLevelDensity, int minSites,
                            boolean differencingGuard, boolean allowPlainAggregation, DpPolicy dp,
                            boolean allowExtremes, SmallCells smallCells, int evaluationMinCellCount,
                            boolean allowEventTimes) {

    /** What the gate does with a small cell in a count vector declared suppressible. */
    public enum SmallCells {
        SUPPRESS, REFUSE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** When a job may start computing at this site. */
    public enum Approval {
        AUTO, MANUAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int DEFAULT_MIN_ROWS = 10;
    public static final double DEFAULT_MAX_PARAMETERS_RATIO = 0.33;
    public static final int DEFAULT_MIN_CELL_COUNT = 3;
    public static final int DEFAULT_MAX_FACTOR_LEVELS = 40;
    public static final double DEFAULT_MAX_LEVEL_DENSITY = 0.33;
    public static final int DEFAULT_MIN_SITES = 3;
    public static final boolean DEFAULT_DIFFERENCING_GUARD = true;
    public static final boolean DEFAULT_ALLOW_EXTREMES = false;
    public static final SmallCells DEFAULT_SMALL_CELLS = SmallCells.SUPPRESS;
    public static final boolean DEFAULT_ALLOW_EVENT_TIMES = true;

    public ReleasePolicy {
        allowedMethods = allowedMethods == null ? null : Set.copyOf(allowedMethods);
        if (minRows < 0) {
            throw new IllegalArgumentException("min_rows must be >= 0");
        }
        if (!(maxParametersRatio > 0)) {
            throw new IllegalArgumentException("max_parameters_ratio must be > 0");
        }
        if (approval == null) {
            throw new IllegalArgumentException("approval must be auto or manual");
        }
        if (minCellCount < 0) {
            throw new IllegalArgumentException("min_cell_count must be >= 0");
        }
        evaluationMinCellCount = Math.max(-1, evaluationMinCellCount);
        if (maxFactorLevels < 1) {
            throw new IllegalArgumentException("max_factor_levels must be >= 1");
        }
        if (!(maxLevelDensity > 0)) {
            throw new IllegalArgumentException("max_level_density must be > 0");
        }
        if (minSites < 0) {
            throw new IllegalArgumentException("min_sites must be >= 0");
        }
        dp = dp == null ? DpPolicy.none() : dp;
        smallCells = smallCells == null ? DEFAULT_SMALL_CELLS : smallCells;
    }

    /** A policy with the default extremes and small-cell rules. */
    public ReleasePolicy(Set<String> allowedMethods, int minRows, double maxParametersRatio, Approval approval,
                         int minCellCount, int maxFactorLevels, double maxLevelDensity, int minSites,
                         boolean differencingGuard, boolean allowPlainAggregation, DpPolicy dp) {
        this(allowedMethods, minRows, maxParametersRatio, approval, minCellCount, maxFactorLevels, maxLevelDensity,
                minSites, differencingGuard, allowPlainAggregation, dp, DEFAULT_ALLOW_EXTREMES, DEFAULT_SMALL_CELLS, -1,
                DEFAULT_ALLOW_EVENT_TIMES);
    }

    /** A policy without differential-privacy rules. */
    public ReleasePolicy(Set<String> allowedMethods, int minRows, double maxParametersRatio, Approval approval,
                         int minCellCount, int maxFactorLevels, double maxLevelDensity, int minSites,
                         boolean differencingGuard, boolean allowPlainAggregation) {
        this(allowedMethods, minRows, maxParametersRatio, approval, minCellCount, maxFactorLevels, maxLevelDensity,
                minSites, differencingGuard, allowPlainAggregation, DpPolicy.none());
    }

    /** These rules with the given differential-privacy rules. */
    public ReleasePolicy withDp(DpPolicy rules) {
        Rules r = new Rules(this);
        r.dp = rules;
        return r.build();
    }

    /** A policy that requires secure aggregation (the default). */
    public ReleasePolicy(Set<String> allowedMethods, int minRows, double maxParametersRatio, Approval approval,
                         int minCellCount, int maxFactorLevels, double maxLevelDensity, int minSites,
                         boolean differencingGuard) {
        this(allowedMethods, minRows, maxParametersRatio, approval, minCellCount, maxFactorLevels, maxLevelDensity,
                minSites, differencingGuard, false);
    }

    /** Whether this site takes part in a job whose sums are not securely aggregated. */
    public ReleasePolicy withAllowPlainAggregation(boolean allow) {
        Rules r = new Rules(this);
        r.allowPlainAggregation = allow;
        return r.build();
    }

    public ReleasePolicy(Set<String> allowedMethods, int minRows, double maxParametersRatio, Approval approval) {
        this(allowedMethods, minRows, maxParametersRatio, approval, DEFAULT_MIN_CELL_COUNT, DEFAULT_MAX_FACTOR_LEVELS,
                DEFAULT_MAX_LEVEL_DENSITY, DEFAULT_MIN_SITES, DEFAULT_DIFFERENCING_GUARD);
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
        return new ReleasePolicy(null, 0, Double.POSITIVE_INFINITY, Approval.AUTO, 0, Integer.MAX_VALUE,
                Double.POSITIVE_INFINITY, 0, false, true, DpPolicy.none(), true, DEFAULT_SMALL_CELLS, 0, true);
    }

    /** Whether values that are one row's own value (minimum, maximum) may leave this site. */
    public ReleasePolicy withAllowExtremes(boolean allow) {
        Rules r = new Rules(this);
        r.allowExtremes = allow;
        return r.build();
    }

    public ReleasePolicy withSmallCells(SmallCells handling) {
        Rules r = new Rules(this);
        r.smallCells = handling;
        return r.build();
    }

    /** Whether values resolved by event times may leave this site. */
    public ReleasePolicy withAllowEventTimes(boolean allow) {
        Rules r = new Rules(this);
        r.allowEventTimes = allow;
        return r.build();
    }

    /** The minimum for counts of rows grouped by fitted values; negative: as {@code min_cell_count}. */
    public ReleasePolicy withEvaluationMinCellCount(int n) {
        Rules r = new Rules(this);
        r.evaluationMinCellCount = n;
        return r.build();
    }

    /** The minimum that applies to counts of rows grouped by a model's fitted values. */
    public int effectiveEvaluationMinCellCount() {
        return evaluationMinCellCount < 0 ? minCellCount : evaluationMinCellCount;
    }

    public ReleasePolicy withMinRows(int n) {
        Rules r = new Rules(this);
        r.minRows = n;
        return r.build();
    }

    public ReleasePolicy withApproval(Approval a) {
        Rules r = new Rules(this);
        r.approval = a;
        return r.build();
    }

    public ReleasePolicy withMinCellCount(int n) {
        Rules r = new Rules(this);
        r.minCellCount = n;
        return r.build();
    }

    public ReleasePolicy withFactorLimits(int maxLevels, double maxDensity) {
        Rules r = new Rules(this);
        r.maxFactorLevels = maxLevels;
        r.maxLevelDensity = maxDensity;
        return r.build();
    }

    public ReleasePolicy withMinSites(int n) {
        Rules r = new Rules(this);
        r.minSites = n;
        return r.build();
    }

    public ReleasePolicy withDifferencingGuard(boolean on) {
        Rules r = new Rules(this);
        r.differencingGuard = on;
        return r.build();
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

    /**
     * Why a job over these participating sites may not run here, or null: with fewer than
     * {@code min_sites}, "the sum over the other sites" is one site's value.
     */
    public String refuseSites(List<String> sites) {
        int n = sites == null ? 0 : sites.size();
        if (n < minSites) {
            return "the job has " + n + " participating site" + (n == 1 ? "" : "s") + " < " + minSites
                    + " (policy min_sites)";
        }
        return null;
    }

    /** Why values summarizing {@code rows} rows for {@code parameters} parameters may not leave, or null. */
    public String refuseRelease(int rows, int parameters) {
        return refuseRelease(Disclosure.of(rows, parameters));
    }

    /** Why values with these disclosure facts may not leave, or null (the first rule broken). */
    public String refuseRelease(Disclosure d) {
        if (d.eventTimes() && !allowEventTimes) {
            return "the values are resolved by individual event times, which this site does not release"
                    + " (policy allow_event_times: false; a Cox model can run with --stratify-by-site, which releases no times)";
        }
        int rows = d.rows();
        if (rows < minRows) {
            return rows + (rows == 1 ? " row < " : " rows < ") + minRows + " (policy min_rows)";
        }
        int parameters = d.parameters();
        if (parameters > 0 && parameters > maxParametersRatio * rows) {
            return String.format(Locale.ROOT, "%d parameters for %d rows: ratio %.3g > %s (policy max_parameters_ratio)",
                    parameters, rows, (double) parameters / rows, trim(maxParametersRatio));
        }
        if (d.smallestCell().isPresent()) {
            // An empty cell is allowed, as in DataSHIELD (0 < n < nfilter.tab is disclosive): it
            // says nobody in the group, which identifies no one.
            int cell = d.smallestCell().getAsInt();
            if (d.fittedValueCounts()) {
                int min = effectiveEvaluationMinCellCount();
                if (cell > 0 && cell < min) {
                    return "a released count of " + cell + " rows grouped by fitted values < " + min
                            + (evaluationMinCellCount < 0 ? " (policy min_cell_count; evaluation_min_cell_count not set)"
                                    : " (policy evaluation_min_cell_count)");
                }
            } else if (cell > 0 && cell < minCellCount) {
                return "a released count of " + cell + " < " + minCellCount + " (policy min_cell_count)";
            }
        }
        for (Map.Entry<String, Integer> f : d.factorLevels().entrySet()) {
            int levels = f.getValue();
            if (levels > maxFactorLevels) {
                return "factor " + f.getKey() + " has " + levels + " levels > " + maxFactorLevels
                        + " (policy max_factor_levels)";
            }
            if (levels > 0 && levels > maxLevelDensity * rows) {
                return String.format(Locale.ROOT, "factor %s has %d levels for %d rows: density %.3g > %s (policy max_level_density)",
                        f.getKey(), levels, rows, rows == 0 ? Double.POSITIVE_INFINITY : (double) levels / rows,
                        trim(maxLevelDensity));
            }
        }
        return null;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** A mutable copy of a policy's rules: each with-method changes one and builds a new policy. */
    private static final class Rules {
        private Set<String> allowedMethods;
        private int minRows;
        private double maxParametersRatio;
        private Approval approval;
        private int minCellCount;
        private int maxFactorLevels;
        private double maxLevelDensity;
        private int minSites;
        private boolean differencingGuard;
        private boolean allowPlainAggregation;
        private DpPolicy dp;
        private boolean allowExtremes;
        private SmallCells smallCells;
        private int evaluationMinCellCount;
        private boolean allowEventTimes;

        Rules(ReleasePolicy p) {
            allowedMethods = p.allowedMethods;
            minRows = p.minRows;
            maxParametersRatio = p.maxParametersRatio;
            approval = p.approval;
            minCellCount = p.minCellCount;
            maxFactorLevels = p.maxFactorLevels;
            maxLevelDensity = p.maxLevelDensity;
            minSites = p.minSites;
            differencingGuard = p.differencingGuard;
            allowPlainAggregation = p.allowPlainAggregation;
            dp = p.dp;
            allowExtremes = p.allowExtremes;
            smallCells = p.smallCells;
            evaluationMinCellCount = p.evaluationMinCellCount;
            allowEventTimes = p.allowEventTimes;
        }

        ReleasePolicy build() {
            return new ReleasePolicy(allowedMethods, minRows, maxParametersRatio, approval, minCellCount, maxFactorLevels,
                    maxLevelDensity, minSites, differencingGuard, allowPlainAggregation, dp, allowExtremes, smallCells,
                    evaluationMinCellCount, allowEventTimes);
        }
    }
}
