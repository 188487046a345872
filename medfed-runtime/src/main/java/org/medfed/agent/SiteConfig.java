package org.medfed.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medfed.config.ConfigNode;
import org.medfed.config.HostPort;
import org.medfed.privacy.dp.BudgetLimit;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.site.DpPolicy;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.Tls;

/**
 * A site's configuration ({@code site.yaml}); every key is documented in the README with its
 * default. Relative paths resolve against the file's folder.
 *
 * @param name         the site's name; must equal its certificate's name ({@code name})
 * @param hub          the hub's address ({@code hub}, HOST:PORT)
 * @param tls          consortium CA, the site's certificate and key ({@code tls: {ca, cert, key}})
 * @param datasets     datasets by name ({@code datasets: {NAME: {path: FILE}}} or {@code {jdbc: URL, table: T}}),
 *                     each with an optional {@code coarsen: {COLUMN: STEP}} (values rounded up to multiples of STEP on load)
 * @param policy       the release policy ({@code policy: {allowed_methods, min_rows, max_parameters_ratio, approval,
 *                     min_cell_count, max_factor_levels, max_level_density, min_sites, differencing_guard,
 *                     allow_plain_aggregation, allow_extremes, small_cells, evaluation_min_cell_count, allow_event_times,
 *                     differential_privacy: {required, noise, parameter_noise}}});
 *                     each dataset's {@code privacy_budget: {epsilon, delta}} goes into its DP rules
 * @param auditLog     the append-only audit log ({@code audit_log}, default {@code audit.jsonl})
 * @param stateDir     pending and approved jobs for manual approval, and the differencing guard's row
 *                     subsets ({@code state_dir}, default {@code site-state})
 * @param heartbeat    how often the site tells the hub it is alive ({@code heartbeat}, 10s)
 * @param reconnectMax the longest wait between reconnection attempts ({@code reconnect_max}, 30s)
 */
public record SiteConfig(String name, HostPort hub, Tls tls, Map<String, DatasetSpec> datasets, ReleasePolicy policy,
                         Path auditLog, Path stateDir, Duration heartbeat, Duration reconnectMax) {

    public SiteConfig {
        datasets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    }

    public static SiteConfig load(Path file) {
        ConfigNode c = ConfigNode.load(file).only("name", "hub", "tls", "datasets", "policy", "audit_log", "state_dir",
                "heartbeat", "reconnect_max");
        ConfigNode tls = c.child("tls").only("ca", "cert", "key");
        Map<String, DatasetSpec> datasets = new LinkedHashMap<>();
        Map<String, BudgetLimit> budgets = new LinkedHashMap<>();
        c.children("datasets").forEach((name, d) -> {
            datasets.put(name, dataset(name, d));
            if (d.has("privacy_budget")) {
                budgets.put(name, budget(d.child("privacy_budget")));
            }
        });
        if (datasets.isEmpty()) {
            throw c.error("datasets", "a site needs at least one dataset, e.g. 'datasets: {birthwt: {path: birthwt.csv}}'");
        }
        ReleasePolicy policy = policy(c.child("policy"));
        policy = policy.withDp(dp(c.child("policy").child("differential_privacy"), budgets));
        return new SiteConfig(c.requireString("name"),
                HostPort.parse(c.requireString("hub"), file.getFileName() + ": hub"),
                new Tls(tls.requirePath("ca"), tls.requirePath("cert"), tls.requirePath("key")),
                datasets, policy,
                c.path("audit_log", c.resolve("audit.jsonl")),
                c.path("state_dir", c.resolve("site-state")),
                c.duration("heartbeat", Duration.ofSeconds(10)),
                c.duration("reconnect_max", Duration.ofSeconds(30)));
    }

    private static DatasetSpec dataset(String name, ConfigNode d) {
        d.only("path", "jdbc", "table", "query", "user", "password", "password_env", "privacy_budget", "coarsen");
        if (d.has("path") == d.has("jdbc")) {
            throw d.error("path", "give either 'path: FILE' or 'jdbc: URL' for dataset " + name);
        }
        Map<String, Double> coarsen = coarsening(d);
        if (d.has("path")) {
            return DatasetSpec.file(name, d.requirePath("path")).withCoarsening(coarsen);
        }
        if (d.has("table") == d.has("query")) {
            throw d.error("table", "a JDBC dataset needs exactly one of 'table' or 'query'");
        }
        String password = d.string("password", null);
        if (d.has("password_env")) {
            String env = d.requireString("password_env");
            password = System.getenv(env);
            if (password == null) {
                throw d.error("password_env", "environment variable " + env + " is not set");
            }
        }
        return new DatasetSpec(name, null, d.requireString("jdbc"), d.string("table", null), d.string("query", null),
                d.string("user", null), password, coarsen);
    }

    /**
     * A dataset's {@code coarsen: {COLUMN: STEP, ...}}: the site rounds each column up to a
     * multiple of its step as it loads the data (e.g. {@code time: 7}, days to weeks).
     */
    private static Map<String, Double> coarsening(ConfigNode d) {
        Map<String, Double> steps = new LinkedHashMap<>();
        if (!d.has("coarsen")) {
            return steps;
        }
        ConfigNode c = d.child("coarsen");
        for (String column : c.keys()) {
            double step = c.number(column, Double.NaN);
            if (!(step > 0) || Double.isInfinite(step)) {
                throw c.error(column, "a coarsening step must be a positive number, e.g. 'coarsen: {time: 7}'");
            }
            steps.put(column, step);
        }
        return steps;
    }

    private static ReleasePolicy policy(ConfigNode p) {
        p.only("allowed_methods", "min_rows", "max_parameters_ratio", "approval", "min_cell_count", "max_factor_levels",
                "max_level_density", "min_sites", "differencing_guard", "allow_plain_aggregation", "allow_extremes",
                "small_cells", "evaluation_min_cell_count", "allow_event_times", "differential_privacy");
        List<String> allowed = p.strings("allowed_methods", null);
        String approval = p.string("approval", "auto").toLowerCase(Locale.ROOT);
        if (!approval.equals("auto") && !approval.equals("manual")) {
            throw p.error("approval", "expected 'auto' or 'manual', found '" + approval + "'");
        }
        int minRows = atLeast(p, "min_rows", ReleasePolicy.DEFAULT_MIN_ROWS, 0);
        double ratio = positive(p, "max_parameters_ratio", ReleasePolicy.DEFAULT_MAX_PARAMETERS_RATIO);
        int minCell = atLeast(p, "min_cell_count", ReleasePolicy.DEFAULT_MIN_CELL_COUNT, 0);
        // Absent: model evaluation's counts follow min_cell_count like every other count.
        int evaluationMinCell = p.has("evaluation_min_cell_count") ? atLeast(p, "evaluation_min_cell_count", 0, 0) : -1;
        int maxLevels = atLeast(p, "max_factor_levels", ReleasePolicy.DEFAULT_MAX_FACTOR_LEVELS, 1);
        double density = positive(p, "max_level_density", ReleasePolicy.DEFAULT_MAX_LEVEL_DENSITY);
        int minSites = atLeast(p, "min_sites", ReleasePolicy.DEFAULT_MIN_SITES, 0);
        String guard = p.string("differencing_guard", String.valueOf(ReleasePolicy.DEFAULT_DIFFERENCING_GUARD))
                .toLowerCase(Locale.ROOT);
        if (!guard.equals("true") && !guard.equals("false")) {
            throw p.error("differencing_guard", "expected true or false, found '" + guard + "'");
        }
        String plain = p.string("allow_plain_aggregation", "false").toLowerCase(Locale.ROOT);
        if (!plain.equals("true") && !plain.equals("false")) {
            throw p.error("allow_plain_aggregation", "expected true or false, found '" + plain + "'");
        }
        String extremes = p.string("allow_extremes", String.valueOf(ReleasePolicy.DEFAULT_ALLOW_EXTREMES))
                .toLowerCase(Locale.ROOT);
        if (!extremes.equals("true") && !extremes.equals("false")) {
            throw p.error("allow_extremes", "expected true or false, found '" + extremes + "'");
        }
        String eventTimes = p.string("allow_event_times", String.valueOf(ReleasePolicy.DEFAULT_ALLOW_EVENT_TIMES))
                .toLowerCase(Locale.ROOT);
        if (!eventTimes.equals("true") && !eventTimes.equals("false")) {
            throw p.error("allow_event_times", "expected true or false, found '" + eventTimes + "'");
        }
        String small = p.string("small_cells", ReleasePolicy.DEFAULT_SMALL_CELLS.label()).toLowerCase(Locale.ROOT);
        if (!small.equals("suppress") && !small.equals("refuse")) {
            throw p.error("small_cells", "expected 'suppress' or 'refuse', found '" + small + "'");
        }
        return new ReleasePolicy(allowed == null ? null : new LinkedHashSet<>(allowed), minRows, ratio,
                approval.equals("manual") ? ReleasePolicy.Approval.MANUAL : ReleasePolicy.Approval.AUTO,
                minCell, maxLevels, density, minSites, guard.equals("true"), plain.equals("true"), null,
                extremes.equals("true"), small.equals("refuse") ? ReleasePolicy.SmallCells.REFUSE : ReleasePolicy.SmallCells.SUPPRESS,
                evaluationMinCell, eventTimes.equals("true"));
    }

    /** A dataset's {@code privacy_budget: {epsilon: E, delta: D}} (δ defaults to 0: Laplace only). */
    private static BudgetLimit budget(ConfigNode b) {
        b.only("epsilon", "delta");
        if (!b.has("epsilon")) {
            throw b.error("epsilon", "a privacy budget needs 'epsilon' (the dataset's lifetime ε)");
        }
        double epsilon = b.number("epsilon", 0);
        double delta = b.number("delta", 0);
        try {
            return new BudgetLimit(epsilon, delta);
        } catch (IllegalArgumentException e) {
            throw b.error(epsilon < 0 || Double.isInfinite(epsilon) ? "epsilon" : "delta", e.getMessage());
        }
    }

    /** {@code policy.differential_privacy: {required, noise, parameter_noise}}. */
    private static DpPolicy dp(ConfigNode d, Map<String, BudgetLimit> budgets) {
        d.only("required", "noise", "parameter_noise");
        String required = d.string("required", "false").toLowerCase(Locale.ROOT);
        if (!required.equals("true") && !required.equals("false")) {
            throw d.error("required", "expected true or false, found '" + required + "'");
        }
        NoiseRequest noise = noise(d, "noise");
        NoiseRequest parameters = noise(d, "parameter_noise");
        if (required.equals("true") && noise == null) {
            throw d.error("noise", "required: true needs the site's per-release noise, e.g. 'noise: laplace:0.5'");
        }
        if (parameters != null && parameters.mechanism() != NoiseRequest.Kind.LAPLACE) {
            throw d.error("parameter_noise", "must be laplace:EPSILON");
        }
        return new DpPolicy(required.equals("true"), noise, parameters, budgets);
    }

    private static NoiseRequest noise(ConfigNode d, String key) {
        String text = d.string(key, null);
        if (text == null) {
            return null;
        }
        try {
            return NoiseRequest.parse(text);
        } catch (IllegalArgumentException e) {
            throw d.error(key, e.getMessage());
        }
    }

    private static int atLeast(ConfigNode p, String key, int fallback, int min) {
        int v = p.integer(key, fallback);
        if (v < min) {
            throw p.error(key, "must be " + min + " or more");
        }
        return v;
    }

    private static double positive(ConfigNode p, String key, double fallback) {
        double v = p.number(key, fallback);
        if (!(v > 0)) {
            throw p.error(key, "must be greater than 0");
        }
        return v;
    }

    /** Where the site's privacy budget ledger lives: {@code state_dir/privacy-ledger.json}. */
    public Path privacyLedger() {
        return stateDir.resolve("privacy-ledger.json");
    }

    public SiteConfig withPolicy(ReleasePolicy p) {
        return new SiteConfig(name, hub, tls, datasets, p, auditLog, stateDir, heartbeat, reconnectMax);
    }

    public SiteConfig withHeartbeat(Duration h) {
        return new SiteConfig(name, hub, tls, datasets, policy, auditLog, stateDir, h, reconnectMax);
    }

    public SiteConfig withHub(HostPort h) {
        return new SiteConfig(name, h, tls, datasets, policy, auditLog, stateDir, heartbeat, reconnectMax);
    }
}
