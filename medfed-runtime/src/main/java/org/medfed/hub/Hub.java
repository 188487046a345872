package org.medfed.hub;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.medfed.error.MedfedException;
import org.medfed.hub.store.JobStore;
import org.medfed.pki.Role;
import org.medfed.secagg.MaskStream;
import org.medfed.transport.PeerIdentity;
import org.medfed.transport.proto.HubGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: the gRPC server (mutual TLS required, client certificates must chain to the
 * consortium CA), the registry of connected sites, the running jobs and the job store. Sites dial
 * in; the hub never connects out.
 */
public final class Hub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    /** Which role may call which method: sites connect, analysts do everything else. */
    static final Map<String, Set<Role>> ROLES = Map.of(
            HubGrpc.getConnectMethod().getFullMethodName(), Set.of(Role.SITE),
            HubGrpc.getSubmitMethod().getFullMethodName(), Set.of(Role.ANALYST),
            HubGrpc.getRerunMethod().getFullMethodName(), Set.of(Role.ANALYST),
            HubGrpc.getListJobsMethod().getFullMethodName(), Set.of(Role.ANALYST),
            HubGrpc.getGetJobMethod().getFullMethodName(), Set.of(Role.ANALYST),
            HubGrpc.getListSitesMethod().getFullMethodName(), Set.of(Role.ANALYST));

    private final HubConfig config;
    private final JobStore store;
    private final SiteRegistry registry;
    private final Jobs jobs;
    private final Server server;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "medfed-hub-watchdog");
        t.setDaemon(true);
        return t;
    });

    private Hub(HubConfig config, JobStore store, SiteRegistry registry, Server server, Jobs jobs) {
        this.config = config;
        this.registry = registry;
        this.store = store;
        this.server = server;
        this.jobs = jobs;
    }

    /** Opens the job store and starts listening. */
    public static Hub start(HubConfig config) {
        org.medfed.pki.Identity.requireRole(config.tls().cert(), Role.HUB, "the hub");
        JobStore store = JobStore.open(config.dataDir());
        if (store.interruptedAtOpen() > 0) {
            LOG.warn("{} job(s) were running when the hub last stopped; they are marked interrupted", store.interruptedAtOpen());
        }
        SiteRegistry registry = new SiteRegistry();
        Jobs jobs = new Jobs(registry, store, config);
        HubService service = new HubService(registry, jobs, store);
        Server server = NettyServerBuilder
                .forAddress(new InetSocketAddress(config.listen().host(), config.listen().port()), config.tls().server())
                .addService(ServerInterceptors.intercept(service, new PeerIdentity(ROLES)))
                .maxInboundMessageSize(config.maxMessageMb() << 20)
                .permitKeepAliveTime(5, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .build();
        try {
            server.start();
        } catch (IOException e) {
            store.close();
            throw new MedfedException("hub cannot listen on " + config.listen() + ": " + e.getMessage(), e);
        }
        Hub hub = new Hub(config, store, registry, server, jobs);
        if (config.secureAggregation()) {
            MaskStream.warmUpInBackground(); // the first job then masks at full speed
        }
        hub.watchdog.scheduleWithFixedDelay(hub::dropSilentSites, 1, 1, TimeUnit.SECONDS);
        LOG.info("hub listening on {}:{} (data in {})", config.listen().host(), hub.port(), config.dataDir());
        return hub;
    }

    /** Sites that stopped sending heartbeats are treated as disconnected. */
    private void dropSilentSites() {
        long limit = config.heartbeatTimeout().toNanos();
        for (SiteLink link : registry.connected()) {
            if (link.silentNanos() > limit) {
                String why = "no heartbeat for " + JobRun.human(config.heartbeatTimeout());
                LOG.warn("site {}: {}", link.name(), why);
                link.close(Status.UNAVAILABLE.withDescription(why));
                registry.detach(link, why);
            }
        }
    }

    public int port() {
        return server.getPort();
    }

    public HubConfig config() {
        return config;
    }

    /** What secure aggregation cost a finished job at the hub (benchmarks); empty if it did not use it. */
    public java.util.Optional<SecAggTimes> secureAggregationTimes(String job) {
        return jobs.secAggTimes(job);
    }

    /** Names of the sites connected now (for tests and the demo). */
    public java.util.List<String> connectedSites() {
        return registry.connected().stream().map(SiteLink::name).toList();
    }

    /** Blocks until the server stops. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        server.shutdown();
        jobs.close();
        // Site streams never end by themselves; end them so the sites start reconnecting at once.
        for (SiteLink link : registry.connected()) {
            link.close(Status.UNAVAILABLE.withDescription("the hub is shutting down"));
        }
        try {
            if (!server.awaitTermination(3, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        store.close();
    }
}
