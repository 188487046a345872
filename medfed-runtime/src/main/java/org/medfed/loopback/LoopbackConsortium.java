package org.medfed.loopback;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.agent.DatasetSpec;
import org.medfed.agent.SiteAgent;
import org.medfed.agent.SiteConfig;
import org.medfed.analyst.AnalystClient;
import org.medfed.config.HostPort;
import org.medfed.error.MedfedException;
import org.medfed.hub.Hub;
import org.medfed.hub.HubConfig;
import org.medfed.pki.ConsortiumCa;
import org.medfed.pki.IssuedFiles;
import org.medfed.pki.Role;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.Tls;

/**
 * Builds and runs a loopback consortium: {@link #builder(Path)} names the sites and their
 * datasets; {@link Builder#start()} issues certificates, starts the hub on a free port and
 * connects every site.
 */
public final class LoopbackConsortium implements AutoCloseable {
    private final Path dir;
    private final ConsortiumCa ca;
    private final Hub hub;
    private final Map<String, SiteConfig> siteConfigs;
    private final Map<String, SiteAgent> sites = new LinkedHashMap<>();
    private final Tls analystTls;

    private LoopbackConsortium(Path dir, ConsortiumCa ca, Hub hub, Map<String, SiteConfig> siteConfigs, Tls analystTls) {
        this.dir = dir;
        this.ca = ca;
        this.hub = hub;
        this.siteConfigs = siteConfigs;
        this.analystTls = analystTls;
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** Names the sites, their datasets, policies and the hub's timeouts. */
    public static final class Builder {
        private final Path dir;
        private final Map<String, Map<String, DatasetSpec>> datasets = new LinkedHashMap<>();
        private final Map<String, ReleasePolicy> policies = new LinkedHashMap<>();
        private Duration roundTimeout = Duration.ofMinutes(2);
        private Duration heartbeat = Duration.ofSeconds(2);
        private Path hubDataDir;
        private boolean secureAggregation = true;
        private int maxMessageMb = 16;
        private final java.util.Set<String> exact = new java.util.HashSet<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        public Builder site(String name, String dataset, Path file) {
            return site(name, DatasetSpec.file(dataset, file));
        }

        /** A site dataset from a file or a database (JDBC). */
        public Builder site(String name, DatasetSpec dataset) {
            datasets.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(dataset.name(), dataset);
            return this;
        }

        public Builder policy(String site, ReleasePolicy policy) {
            policies.put(site, policy);
            return this;
        }

        /** A policy kept exactly as given, even where {@link #secureAggregation(boolean) false} relaxes the others. */
        public Builder exactPolicy(String site, ReleasePolicy policy) {
            policies.put(site, policy);
            exact.add(site);
            return this;
        }

        public Builder roundTimeout(Duration timeout) {
            this.roundTimeout = timeout;
            return this;
        }

        /** The hub's largest inbound message ({@code max_message_mb}; a small one keeps size tests small). */
        public Builder maxMessageMb(int mb) {
            this.maxMessageMb = mb;
            return this;
        }

        public Builder heartbeat(Duration interval) {
            this.heartbeat = interval;
            return this;
        }

        /**
         * Whether the hub securely aggregates every sum (default true). Off, every site's policy
         * also allows sums in clear, as a consortium that turns it off must agree.
         */
        public Builder secureAggregation(boolean on) {
            this.secureAggregation = on;
            return this;
        }

        /** A site's policy as given; with sums in clear at the hub, relaxed to allow them unless given exactly. */
        private ReleasePolicy policyOf(String site) {
            ReleasePolicy p = policies.getOrDefault(site, ReleasePolicy.defaults());
            return secureAggregation || exact.contains(site) ? p : p.withAllowPlainAggregation(true);
        }

        /** Reuse a hub data directory (to test a restarted hub). */
        public Builder hubDataDir(Path dataDir) {
            this.hubDataDir = dataDir;
            return this;
        }

        public LoopbackConsortium start() throws InterruptedException {
            Path pki = dir.resolve("pki");
            ConsortiumCa ca = java.nio.file.Files.exists(pki.resolve("ca.pem")) ? ConsortiumCa.load(pki)
                    : ConsortiumCa.init(pki, "Loopback consortium");
            Tls hubTls = tls(ca, pki, "hub", Role.HUB, List.of("127.0.0.1", "localhost"));
            HubConfig hubConfig = HubConfig.of(new HostPort("127.0.0.1", 0), hubTls,
                    hubDataDir == null ? dir.resolve("hub-data") : hubDataDir, roundTimeout)
                    .withHeartbeatTimeout(heartbeat.multipliedBy(5)).withSecureAggregation(secureAggregation)
                    .withMaxMessageMb(maxMessageMb);
            Hub hub = Hub.start(hubConfig);
            Map<String, SiteConfig> configs = new LinkedHashMap<>();
            for (var e : datasets.entrySet()) {
                String name = e.getKey();
                Map<String, DatasetSpec> specs = new LinkedHashMap<>(e.getValue());
                Path siteDir = dir.resolve("sites").resolve(name);
                configs.put(name, new SiteConfig(name, new HostPort("127.0.0.1", hub.port()),
                        tls(ca, pki, name, Role.SITE, List.of()), specs,
                        policyOf(name),
                        siteDir.resolve("audit.jsonl"),
                        siteDir.resolve("state"), heartbeat, Duration.ofSeconds(2)));
            }
            Tls analyst = tls(ca, pki, "analyst", Role.ANALYST, List.of());
            LoopbackConsortium c = new LoopbackConsortium(dir, ca, hub, configs, analyst);
            try {
                for (String name : configs.keySet()) {
                    c.startSite(name);
                }
            } catch (RuntimeException | InterruptedException e) {
                c.close();
                throw e;
            }
            return c;
        }
    }

    private static Tls tls(ConsortiumCa ca, Path pki, String name, Role role, List<String> hosts) {
        Path cert = pki.resolve(name + ".pem");
        Path key = pki.resolve(name + ".key");
        if (!java.nio.file.Files.exists(cert)) {
            IssuedFiles files = ca.issue(name, role, hosts, Duration.ofDays(30));
            cert = files.certificate();
            key = files.privateKey();
        }
        return new Tls(pki.resolve("ca.pem"), cert, key);
    }

    /** Starts (or restarts) a site's agent and waits until the hub has welcomed it. */
    public SiteAgent startSite(String name) throws InterruptedException {
        SiteAgent old = sites.remove(name);
        if (old != null) {
            old.kill();
        }
        SiteAgent agent = SiteAgent.start(siteConfigs.get(name), message -> { });
        sites.put(name, agent);
        if (!agent.awaitConnected(Duration.ofSeconds(20))) {
            throw new MedfedException("site " + name + " did not connect to the hub within 20 s");
        }
        return agent;
    }

    public Hub hub() {
        return hub;
    }

    public HostPort hubAddress() {
        return new HostPort("127.0.0.1", hub.port());
    }

    public SiteAgent site(String name) {
        return sites.get(name);
    }

    public SiteConfig siteConfig(String name) {
        return siteConfigs.get(name);
    }

    public Path pki() {
        return dir.resolve("pki");
    }

    public ConsortiumCa ca() {
        return ca;
    }

    public Tls analystTls() {
        return analystTls;
    }

    /** A new analyst client (close it after use). */
    public AnalystClient analyst() {
        return new AnalystClient(hubAddress(), analystTls);
    }

    @Override
    public void close() {
        sites.values().forEach(SiteAgent::close);
        sites.clear();
        hub.close();
    }
}
