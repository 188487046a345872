package org.medfed.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.medfed.audit.AuditLog;
import org.medfed.config.HostPort;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.method.Request;
import org.medfed.pki.Identity;
import org.medfed.pki.Pem;
import org.medfed.pki.Role;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.result.Version;
import org.medfed.secagg.MaskStream;
import org.medfed.site.ReleaseGate;
import org.medfed.site.ReleasePolicy;
import org.medfed.site.SubsetStore;
import org.medfed.transport.Tls;
import org.medfed.transport.proto.ColumnSchema;
import org.medfed.transport.proto.DatasetSchema;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.SiteHello;
import org.medfed.transport.proto.SiteMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running site agent: the site's datasets, its one {@link ReleaseGate} (policy + audit log),
 * the {@link SiteJobs} it takes part in, and its {@link HubConnection}. {@link #start(SiteConfig,
 * Consumer)} builds one from {@code site.yaml}.
 */
public final class SiteAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteAgent.class);

    private final String name;
    private final ReleaseGate gate;
    private final SiteJobs jobs;
    private final HubConnection connection;
    private volatile AutoCloseable resources = () -> { };
    private volatile Predicate<SiteMessage> sendHook = m -> true;

    /**
     * @param datasets the site's loaded tables by dataset name
     * @param gate     the site's release gate (policy + audit log)
     */
    public SiteAgent(String name, HostPort hub, Tls tls, Map<String, Table> datasets, ReleaseGate gate,
                     Path stateDir, Duration heartbeat, Duration reconnectMax) {
        this.name = name;
        this.gate = gate;
        HubConnection[] link = new HubConnection[1];
        this.jobs = new SiteJobs(name, datasets, gate, new Approvals(stateDir), message -> sendHook.test(message)
                && link[0].send(message),
                new SecAggIdentity(Pem.readPrivateKey(tls.key()), Pem.readCertificate(tls.ca())));
        this.connection = new HubConnection(name, hub, tls, heartbeat, reconnectMax, this::hello, this::receive);
        link[0] = connection;
    }

    /**
     * Builds a site from its configuration: checks that the certificate names this site with the
     * site role, reads every dataset (concurrently), opens the audit log (verifying its chain),
     * and starts dialing the hub.
     */
    public static SiteAgent start(SiteConfig config, Consumer<String> progress) {
        Identity identity = Identity.requireRole(config.tls().cert(), Role.SITE, "a site agent");
        if (!identity.name().equals(config.name())) {
            throw new UsageException("site name '" + config.name() + "' differs from the name in its certificate "
                    + config.tls().cert() + " ('" + identity.name() + "'): the hub knows a site by its certificate");
        }
        Map<String, Table> tables = readAll(config, progress);
        AuditLog audit = AuditLog.open(config.auditLog(), config.name());
        // The ledger is opened whenever it exists, so that a site whose budgets were removed
        // from its configuration still cannot forget what it spent.
        BudgetLedger ledger = config.policy().dp().hasBudgets() || Files.exists(config.privacyLedger())
                ? BudgetLedger.open(config.privacyLedger(), config.policy().dp().budgets()) : null;
        ReleaseGate gate = new ReleaseGate(config.name(), config.policy(), audit, false,
                SubsetStore.inDirectory(config.stateDir().resolve("subsets")), ledger);
        SiteAgent agent = new SiteAgent(config.name(), config.hub(), config.tls(), tables, gate, config.stateDir(),
                config.heartbeat(), config.reconnectMax());
        agent.resources = ledger == null ? audit : () -> {
            try (audit; ledger) {
                // closes both, the ledger first
            }
        };
        MaskStream.warmUpInBackground(); // the first secure job then masks at full speed
        return agent.start();
    }

    private static Map<String, Table> readAll(SiteConfig config, Consumer<String> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, config.datasets().size()));
        try {
            Map<String, Future<Table>> pending = new LinkedHashMap<>();
            config.datasets().forEach((dataset, spec) -> pending.put(dataset, pool.submit(() -> spec.read(config.name()))));
            Map<String, Table> tables = new LinkedHashMap<>();
            for (var e : pending.entrySet()) {
                try {
                    Table t = e.getValue().get();
                    tables.put(e.getKey(), t);
                    progress.accept(String.format(Locale.ROOT, "site %s: dataset %s: %d rows x %d columns from %s",
                            config.name(), e.getKey(), t.rowCount(), t.columnNames().size(), config.datasets().get(e.getKey())));
                } catch (ExecutionException ex) {
                    if (ex.getCause() instanceof MedfedException me) {
                        throw me;
                    }
                    throw new MedfedException("site " + config.name() + ": cannot read dataset " + e.getKey() + ": "
                            + ex.getCause(), ex.getCause());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new MedfedException("interrupted while reading datasets");
                }
            }
            return tables;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts dialing the hub (returns at once; see {@link #awaitConnected}). */
    public SiteAgent start() {
        connection.start();
        return this;
    }

    public String name() {
        return name;
    }

    public ReleasePolicy policy() {
        return gate.policy();
    }

    /** Waits until the hub has registered this site; false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return connection.awaitWelcome(timeout);
    }

    /** The hello: datasets by name with column names and kinds only (never row counts or values), and held jobs. */
    private SiteHello hello() {
        SiteHello.Builder hello = SiteHello.newBuilder().setSoftware("medfed " + Version.current())
                .addAllActiveJobs(jobs.active());
        jobs.datasets().forEach((dataset, table) -> hello.addDatasets(schema(dataset, table)));
        return hello.build();
    }

    static DatasetSchema schema(String dataset, Table table) {
        DatasetSchema.Builder b = DatasetSchema.newBuilder().setName(dataset);
        for (var column : table.columns()) {
            b.addColumns(ColumnSchema.newBuilder().setName(column.name())
                    .setType(column instanceof NumericColumn ? "numeric" : "text"));
        }
        return b.build();
    }

    private void receive(HubMessage message) {
        switch (message.getKindCase()) {
            case OFFER -> jobs.offer(message.getOffer());
            case REQUEST -> jobs.request(message.getRequest());
            case CLOSED -> jobs.closed(message.getClosed());
            case SECAGG -> jobs.secagg(message.getSecagg());
            default -> LOG.warn("site {}: ignoring an unknown message from the hub", name);
        }
    }

    /** Test hook: called with every request before it is computed. */
    void onRequest(Consumer<Request> hook) {
        jobs.onRequest(hook);
    }

    /**
     * Test hook: sees every message the site's jobs send to the hub before it goes; it may send
     * other messages itself with {@link #sendRaw}, and false withholds the message (the job then
     * stops sending, as when the connection is lost).
     */
    void onSend(Predicate<SiteMessage> hook) {
        this.sendHook = hook;
    }

    /** Test hook: sends a message to the hub as it is (a tampering or replaying site). */
    boolean sendRaw(SiteMessage message) {
        return connection.send(message);
    }

    /** Test hook: cuts the connection abruptly (as a network failure would); the agent reconnects. */
    void dropConnection() {
        connection.drop();
    }

    /** Stops at once without saying goodbye, as a killed process would (its job state is lost). */
    public void kill() {
        connection.kill();
        jobs.shutdown();
        closeResources();
    }

    /** Says goodbye to the hub and stops. */
    @Override
    public void close() {
        connection.close();
        jobs.shutdown();
        closeResources();
    }

    private void closeResources() {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warn("site {}: closing: {}", name, e.getMessage());
        }
    }

    /** Blocks until the agent is closed (the {@code medfed site} process's main thread). */
    public void awaitClosed() throws InterruptedException {
        connection.join();
    }

    /** Jobs in progress at this site (for status displays). */
    public Map<String, String> activeJobs() {
        return jobs.describe();
    }
}
