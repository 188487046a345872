package org.medfed.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.agent.SiteConfig;
import org.medfed.error.UsageException;
import org.medfed.hub.HubConfig;
import org.medfed.privacy.dp.BudgetLimit;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.site.DpPolicy;
import org.medfed.site.ReleasePolicy;

/** hub.yaml and site.yaml: defaults, relative paths, and errors that name the file and key. */
class ConfigFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private void pki() throws Exception {
        Files.createDirectories(dir.resolve("pki"));
        for (String f : new String[] {"ca.pem", "hub.pem", "hub.key", "a.pem", "a.key"}) {
            Files.writeString(dir.resolve("pki").resolve(f), "x");
        }
    }

    @Test
    void hubDefaultsAndRelativePaths() throws Exception {
        pki();
        HubConfig c = HubConfig.load(write("hub.yaml", "tls: {ca: pki/ca.pem, cert: pki/hub.pem, key: pki/hub.key}\n"));
        assertEquals(new HostPort("127.0.0.1", 7443), c.listen());
        assertEquals(dir.resolve("hub-data"), c.dataDir());
        assertEquals(dir.resolve("pki/ca.pem"), c.tls().ca());
        assertEquals(Duration.ofMinutes(10), c.roundTimeout());
        assertEquals(Duration.ofHours(24), c.approvalTimeout());
        assertEquals(Duration.ofSeconds(30), c.heartbeatTimeout());
        assertTrue(c.secureAggregation(), "secure aggregation is on unless turned off");
        assertTrue(!HubConfig.load(write("hub3.yaml", "secure_aggregation: false\ntls: {ca: pki/ca.pem, cert: pki/hub.pem, "
                + "key: pki/hub.key}\n")).secureAggregation());
        HubConfig d = HubConfig.load(write("hub2.yaml", "listen: 0.0.0.0:9000\ntls: {ca: pki/ca.pem, cert: pki/hub.pem, "
                + "key: pki/hub.key}\ndata_dir: /var/lib/medfed\nround_timeout: 90s\nheartbeat_timeout: 1500ms\n"));
        assertEquals(new HostPort("0.0.0.0", 9000), d.listen());
        assertEquals(Path.of("/var/lib/medfed"), d.dataDir());
        assertEquals(Duration.ofSeconds(90), d.roundTimeout());
        assertEquals(Duration.ofMillis(1500), d.heartbeatTimeout());
    }

    @Test
    void hubErrorsNameFileAndKey() throws Exception {
        pki();
        UsageException typo = assertThrows(UsageException.class, () -> HubConfig.load(write("hub.yaml",
                "listn: 127.0.0.1:7443\ntls: {ca: pki/ca.pem, cert: pki/hub.pem, key: pki/hub.key}\n")));
        assertTrue(typo.getMessage().startsWith("hub.yaml: listn: unknown key (known keys: "), typo.getMessage());
        UsageException duration = assertThrows(UsageException.class, () -> HubConfig.load(write("hub.yaml",
                "round_timeout: soon\ntls: {ca: pki/ca.pem, cert: pki/hub.pem, key: pki/hub.key}\n")));
        assertEquals("hub.yaml: round_timeout: expected a duration like 30s, 10m or 2h, found 'soon'", duration.getMessage());
        UsageException missing = assertThrows(UsageException.class, () -> HubConfig.load(write("hub.yaml",
                "tls: {ca: pki/ca.pem, cert: pki/hub.pem}\n")));
        assertEquals("hub.yaml: tls.key: required", missing.getMessage());
        assertThrows(UsageException.class, () -> HubConfig.load(write("hub.yaml", "listen: [1, 2\n")));
        assertThrows(UsageException.class, () -> HubConfig.load(dir.resolve("absent.yaml")));
    }

    @Test
    void siteDatasetsAndPolicy() throws Exception {
        pki();
        SiteConfig c = SiteConfig.load(write("site.yaml", String.join("\n",
                "name: a",
                "hub: hub.example.org:7443",
                "tls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}",
                "datasets:",
                "  birthwt: {path: data/birthwt.csv}",
                "  omop: {jdbc: 'jdbc:postgresql://db/omop', table: person, user: reader, password: secret}",
                "policy: {allowed_methods: [glm], min_rows: 20, max_parameters_ratio: 0.2, approval: manual}",
                "")));
        assertEquals("a", c.name());
        assertEquals(new HostPort("hub.example.org", 7443), c.hub());
        assertEquals(dir.resolve("data/birthwt.csv"), c.datasets().get("birthwt").path());
        assertEquals("person", c.datasets().get("omop").table());
        assertTrue(!c.datasets().get("omop").toString().contains("secret"), c.datasets().get("omop").toString());
        assertEquals(new ReleasePolicy(Set.of("glm"), 20, 0.2, ReleasePolicy.Approval.MANUAL), c.policy());
        assertEquals(dir.resolve("audit.jsonl"), c.auditLog());
        assertEquals(dir.resolve("site-state"), c.stateDir());

        SiteConfig d = SiteConfig.load(write("site2.yaml", "name: a\nhub: 127.0.0.1:7443\n"
                + "tls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}\ndatasets: {x: {path: x.csv}}\n"));
        assertEquals(ReleasePolicy.defaults(), d.policy());
        assertTrue(!d.policy().allowPlainAggregation(), "sums in clear are refused by default");
        assertTrue(SiteConfig.load(write("site3.yaml", "name: a\nhub: 127.0.0.1:7443\n"
                + "tls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}\ndatasets: {x: {path: x.csv}}\n"
                + "policy: {allow_plain_aggregation: true}\n")).policy().allowPlainAggregation());
        assertNull(d.policy().allowedMethods());
    }

    @Test
    void aDatasetMayCoarsenColumns() throws Exception {
        pki();
        String head = "name: a\nhub: 127.0.0.1:7443\ntls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}\n";
        SiteConfig c = SiteConfig.load(write("site.yaml", head + "datasets: {lung: {path: lung.csv, coarsen: {time: 7}}}\n"));
        assertEquals(java.util.Map.of("time", 7.0), c.datasets().get("lung").coarsen());
        assertEquals(java.util.Map.of(), SiteConfig.load(write("site.yaml", head + "datasets: {x: {path: x.csv}}\n"))
                .datasets().get("x").coarsen());
        UsageException bad = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml", head
                + "datasets: {lung: {path: lung.csv, coarsen: {time: -7}}}\n")));
        assertTrue(bad.getMessage().contains("coarsen") && bad.getMessage().contains("positive"), bad.getMessage());
    }

    @Test
    void siteDifferentialPrivacyRulesAndBudgets() throws Exception {
        pki();
        String head = "name: a\nhub: 127.0.0.1:7443\ntls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}\n";
        SiteConfig none = SiteConfig.load(write("site.yaml", head + "datasets: {x: {path: x.csv}}\n"));
        assertEquals(DpPolicy.none(), none.policy().dp());
        assertEquals(dir.resolve("site-state/privacy-ledger.json"), none.privacyLedger());

        SiteConfig c = SiteConfig.load(write("site.yaml", head + String.join("\n",
                "datasets:",
                "  births: {path: b.csv, privacy_budget: {epsilon: 3, delta: 1e-6}}",
                "  lab: {path: l.csv, privacy_budget: {epsilon: 1.5}}",
                "  open: {path: o.csv}",
                "policy:",
                "  differential_privacy: {required: true, noise: 'gaussian:0.5:1e-7', parameter_noise: 'laplace:1'}",
                "")));
        DpPolicy dp = c.policy().dp();
        assertTrue(dp.required());
        assertEquals(NoiseRequest.gaussian(0.5, 1e-7), dp.noise());
        assertEquals(NoiseRequest.laplace(1), dp.parameterNoise());
        assertEquals(Map.of("births", new BudgetLimit(3, 1e-6), "lab", new BudgetLimit(1.5, 0)), dp.budgets());

        UsageException noNoise = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml", head
                + "datasets: {x: {path: x.csv}}\npolicy: {differential_privacy: {required: true}}\n")));
        assertTrue(noNoise.getMessage().startsWith("site.yaml: policy.differential_privacy.noise: required: true needs"),
                noNoise.getMessage());
        UsageException badNoise = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml", head
                + "datasets: {x: {path: x.csv}}\npolicy: {differential_privacy: {noise: 'laplace:0'}}\n")));
        assertEquals("site.yaml: policy.differential_privacy.noise: ε must be positive and finite, got 0.0",
                badNoise.getMessage());
        UsageException gaussianParameters = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "datasets: {x: {path: x.csv}}\npolicy: {differential_privacy: {parameter_noise: 'gaussian:1:1e-6'}}\n")));
        assertEquals("site.yaml: policy.differential_privacy.parameter_noise: must be laplace:EPSILON",
                gaussianParameters.getMessage());
        UsageException badBudget = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml", head
                + "datasets: {x: {path: x.csv, privacy_budget: {epsilon: 1, delta: 2}}}\n")));
        assertEquals("site.yaml: datasets.x.privacy_budget.delta: δ budget must lie in [0, 1), got 2.0",
                badBudget.getMessage());
        UsageException noEpsilon = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml", head
                + "datasets: {x: {path: x.csv, privacy_budget: {delta: 1e-6}}}\n")));
        assertTrue(noEpsilon.getMessage().startsWith("site.yaml: datasets.x.privacy_budget.epsilon: a privacy budget needs"),
                noEpsilon.getMessage());
    }

    @Test
    void siteDisclosureRulesParseWithTheirDefaults() throws Exception {
        pki();
        String head = "name: a\nhub: 127.0.0.1:7443\ntls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}\n"
                + "datasets: {x: {path: x.csv}}\n";
        ReleasePolicy defaults = SiteConfig.load(write("site.yaml", head)).policy();
        assertEquals(3, defaults.minCellCount());
        assertEquals(40, defaults.maxFactorLevels());
        assertEquals(0.33, defaults.maxLevelDensity());
        assertEquals(3, defaults.minSites());
        assertTrue(defaults.differencingGuard());

        ReleasePolicy p = SiteConfig.load(write("site.yaml", head + "policy: {min_cell_count: 5, max_factor_levels: 12,"
                + " max_level_density: 0.1, min_sites: 4, differencing_guard: false}\n")).policy();
        assertEquals(new ReleasePolicy(null, 10, 0.33, ReleasePolicy.Approval.AUTO, 5, 12, 0.1, 4, false), p);
        assertEquals(0, SiteConfig.load(write("site.yaml", head + "policy: {min_cell_count: 0, min_sites: 0}\n"))
                .policy().minCellCount());
        // evaluation_min_cell_count: absent follows min_cell_count; set, it judges evaluation counts alone.
        assertEquals(3, defaults.effectiveEvaluationMinCellCount());
        assertEquals(5, p.effectiveEvaluationMinCellCount());
        ReleasePolicy evaluation = SiteConfig.load(write("site.yaml", head + "policy: {evaluation_min_cell_count: 1}\n")).policy();
        assertEquals(3, evaluation.minCellCount());
        assertEquals(1, evaluation.effectiveEvaluationMinCellCount());
        assertEquals(ReleasePolicy.defaults().withEvaluationMinCellCount(1), evaluation);
        assertTrue(defaults.allowEventTimes());
        assertEquals(ReleasePolicy.defaults().withAllowEventTimes(false),
                SiteConfig.load(write("site.yaml", head + "policy: {allow_event_times: false}\n")).policy());
        UsageException times = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {allow_event_times: weekly}\n")));
        assertEquals("site.yaml: policy.allow_event_times: expected true or false, found 'weekly'", times.getMessage());
        UsageException negative = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {evaluation_min_cell_count: -1}\n")));
        assertEquals("site.yaml: policy.evaluation_min_cell_count: must be 0 or more", negative.getMessage());

        UsageException cells = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {min_cell_count: -1}\n")));
        assertEquals("site.yaml: policy.min_cell_count: must be 0 or more", cells.getMessage());
        UsageException levels = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {max_factor_levels: 0}\n")));
        assertEquals("site.yaml: policy.max_factor_levels: must be 1 or more", levels.getMessage());
        UsageException density = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {max_level_density: 0}\n")));
        assertEquals("site.yaml: policy.max_level_density: must be greater than 0", density.getMessage());
        UsageException sites = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {min_sites: many}\n")));
        assertEquals("site.yaml: policy.min_sites: expected a whole number, found 'many'", sites.getMessage());
        UsageException guard = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {differencing_guard: sometimes}\n")));
        assertEquals("site.yaml: policy.differencing_guard: expected true or false, found 'sometimes'", guard.getMessage());
        UsageException typo = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {min_cells: 3}\n")));
        assertTrue(typo.getMessage().startsWith("site.yaml: policy.min_cells: unknown key"), typo.getMessage());
    }

    @Test
    void siteExtremesAndSmallCellRules() throws Exception {
        pki();
        String head = "name: a\nhub: 127.0.0.1:7443\ntls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}\n"
                + "datasets: {x: {path: x.csv}}\n";
        ReleasePolicy defaults = SiteConfig.load(write("site.yaml", head)).policy();
        assertFalse(defaults.allowExtremes(), "minimum and maximum are single-row values: withheld by default");
        assertEquals(ReleasePolicy.SmallCells.SUPPRESS, defaults.smallCells());
        ReleasePolicy p = SiteConfig.load(write("site.yaml", head + "policy: {allow_extremes: true, small_cells: refuse}\n"))
                .policy();
        assertTrue(p.allowExtremes());
        assertEquals(ReleasePolicy.SmallCells.REFUSE, p.smallCells());
        assertEquals(ReleasePolicy.defaults().withAllowExtremes(true).withSmallCells(ReleasePolicy.SmallCells.REFUSE), p);
        UsageException extremes = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {allow_extremes: maybe}\n")));
        assertEquals("site.yaml: policy.allow_extremes: expected true or false, found 'maybe'", extremes.getMessage());
        UsageException cells = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "policy: {small_cells: round}\n")));
        assertEquals("site.yaml: policy.small_cells: expected 'suppress' or 'refuse', found 'round'", cells.getMessage());
    }

    @Test
    void siteErrorsNameFileAndKey() throws Exception {
        pki();
        String head = "name: a\nhub: 127.0.0.1:7443\ntls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}\n";
        UsageException approval = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "datasets: {x: {path: x.csv}}\npolicy: {approval: sometimes}\n")));
        assertEquals("site.yaml: policy.approval: expected 'auto' or 'manual', found 'sometimes'", approval.getMessage());
        UsageException rows = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "datasets: {x: {path: x.csv}}\npolicy: {min_rows: ten}\n")));
        assertEquals("site.yaml: policy.min_rows: expected a whole number, found 'ten'", rows.getMessage());
        UsageException both = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                head + "datasets: {x: {path: x.csv, jdbc: 'jdbc:h2:mem:'}}\n")));
        assertTrue(both.getMessage().startsWith("site.yaml: datasets.x.path: give either"), both.getMessage());
        UsageException none = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml", head)));
        assertTrue(none.getMessage().startsWith("site.yaml: datasets: a site needs at least one dataset"), none.getMessage());
        UsageException port = assertThrows(UsageException.class, () -> SiteConfig.load(write("site.yaml",
                "name: a\nhub: 127.0.0.1:http\ntls: {ca: pki/ca.pem, cert: pki/a.pem, key: pki/a.key}\ndatasets: {x: {path: x.csv}}\n")));
        assertEquals("site.yaml: hub: 'http' is not a port number", port.getMessage());
    }
}
