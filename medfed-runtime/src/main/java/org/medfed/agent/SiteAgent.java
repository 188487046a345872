package org.medfed.agent;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.medfed.config.HostPort;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.error.MedfedException;
import org.medfed.method.Contribution;
import org.medfed.method.Request;
import org.medfed.methods.Invocation;
import org.medfed.result.Version;
import org.medfed.site.JobTicket;
import org.medfed.site.ReleaseGate;
import org.medfed.site.ReleasePolicy;
import org.medfed.site.SiteWorker;
import org.medfed.transport.PayloadAssembler;
import org.medfed.transport.Tls;
import org.medfed.transport.WireFormat;
import org.medfed.transport.proto.ColumnSchema;
import org.medfed.transport.proto.ContributionPart;
import org.medfed.transport.proto.DatasetSchema;
import org.medfed.transport.proto.Heartbeat;
import org.medfed.transport.proto.HubGrpc;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.JobOffer;
import org.medfed.transport.proto.JobReply;
import org.medfed.transport.proto.Refusal;
import org.medfed.transport.proto.RequestPart;
import org.medfed.transport.proto.SiteHello;
import org.medfed.transport.proto.SiteMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running site agent. It dials out to the hub over mutual TLS and keeps one stream open,
 * sending heartbeats and reconnecting with exponential backoff (1 s doubling to
 * {@code reconnect_max}, with jitter) whenever the stream ends. Jobs are admitted and every
 * answer released through the site's {@link ReleaseGate}; the last answer of each job is kept so
 * that a request the hub resends after a reconnection is answered again without recomputing
 * (and without releasing anything new).
 */
public final class SiteAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SiteAgent.class);
    private static final long BACKOFF_START_MS = 1_000;

    /** A job this site took part in, while it runs. */
    private static final class ActiveJob {
        final JobTicket ticket;
        final String parametersJson;
        final Table table;
        final org.medfed.method.SiteHalf half;
        volatile boolean accepted;
        PayloadAssembler assembling;
        RequestPart header;
        int answeredRound = -1;
        List<ContributionPart> answer;

        ActiveJob(JobTicket ticket, String parametersJson, Table table, org.medfed.method.SiteHalf half) {
            this.ticket = ticket;
            this.parametersJson = parametersJson;
            this.table = table;
            this.half = half;
        }
    }

    private final String name;
    private final HostPort hub;
    private final Map<String, Table> datasets;
    private final ReleaseGate gate;
    private final SiteWorker worker;
    private final Approvals approvals;
    private final Duration heartbeat;
    private final Duration reconnectMax;
    private final ManagedChannel channel;
    private final Map<String, ActiveJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService compute = Executors.newCachedThreadPool(daemon("medfed-site-compute"));
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemon("medfed-site-timer"));
    private final Thread connector;
    private final Object sendLock = new Object();
    private volatile ClientCallStreamObserver<SiteMessage> stream;
    private volatile CountDownLatch connected = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile Consumer<Request> requestHook = r -> { };
    private volatile AutoCloseable resources = () -> { };

    /**
     * @param datasets the site's loaded tables by dataset name
     * @param gate     the site's release gate (policy + audit log)
     */
    public SiteAgent(String name, HostPort hub, Tls tls, Map<String, Table> datasets, ReleaseGate gate,
                     java.nio.file.Path stateDir, Duration heartbeat, Duration reconnectMax) {
        this.name = name;
        this.hub = hub;
        this.datasets = new LinkedHashMap<>(datasets);
        this.gate = gate;
        this.worker = new SiteWorker(name, gate);
        this.approvals = new Approvals(stateDir);
        this.heartbeat = heartbeat;
        this.reconnectMax = reconnectMax;
        this.channel = NettyChannelBuilder.forTarget(hub.target(), tls.client())
                .maxInboundMessageSize(64 << 20)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .intercept(new org.medfed.transport.HubIdentityCheck())
                .build();
        this.connector = new Thread(this::connectLoop, "medfed-site-" + name);
        this.connector.setDaemon(true);
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Builds a site from its configuration: checks that the certificate names this site with the
     * site role, reads every dataset (concurrently), opens the audit log (verifying its chain),
     * and starts dialing the hub.
     */
    public static SiteAgent start(SiteConfig config, Consumer<String> progress) {
        org.medfed.pki.Identity identity = org.medfed.pki.Identity.of(org.medfed.pki.Pem.readCertificate(config.tls().cert()));
        if (!identity.name().equals(config.name())) {
            throw new org.medfed.error.UsageException("site name '" + config.name() + "' differs from the name in its certificate "
                    + config.tls().cert() + " ('" + identity.name() + "'): the hub knows a site by its certificate");
        }
        if (identity.role() != org.medfed.pki.Role.SITE) {
            throw new org.medfed.error.UsageException("certificate " + config.tls().cert() + " has role "
                    + identity.role().label() + "; a site agent needs a site certificate");
        }
        Map<String, Table> tables = readAll(config, progress);
        org.medfed.audit.AuditLog audit = org.medfed.audit.AuditLog.open(config.auditLog(), config.name());
        ReleaseGate gate = new ReleaseGate(config.name(), config.policy(), audit, false);
        SiteAgent agent = new SiteAgent(config.name(), config.hub(), config.tls(), tables, gate, config.stateDir(),
                config.heartbeat(), config.reconnectMax());
        agent.resources = audit;
        return agent.start();
    }

    private static Map<String, Table> readAll(SiteConfig config, Consumer<String> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, config.datasets().size()));
        try {
            Map<String, java.util.concurrent.Future<Table>> pending = new LinkedHashMap<>();
            config.datasets().forEach((dataset, spec) -> pending.put(dataset, pool.submit(() -> spec.read(config.name()))));
            Map<String, Table> tables = new LinkedHashMap<>();
            for (var e : pending.entrySet()) {
                try {
                    Table t = e.getValue().get();
                    tables.put(e.getKey(), t);
                    progress.accept(String.format(java.util.Locale.ROOT, "site %s: dataset %s: %d rows x %d columns from %s",
                            config.name(), e.getKey(), t.rowCount(), t.columnNames().size(), config.datasets().get(e.getKey())));
                } catch (java.util.concurrent.ExecutionException ex) {
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
        connector.start();
        long period = Math.max(100, heartbeat.toMillis());
        timers.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    public String name() {
        return name;
    }

    public ReleasePolicy policy() {
        return gate.policy();
    }

    /** Waits until the hub has welcomed this site; false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Test hook: called with every request before it is computed. */
    void onRequest(Consumer<Request> hook) {
        this.requestHook = hook;
    }

    // ---- connection ----

    private void connectLoop() {
        long backoff = BACKOFF_START_MS;
        while (!closing) {
            CountDownLatch ended = new CountDownLatch(1);
            long opened = System.nanoTime();
            try {
                open(ended);
                ended.await();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("site {}: cannot reach the hub at {}: {}", name, hub, e.getMessage());
            }
            if (closing) {
                return;
            }
            if (System.nanoTime() - opened > TimeUnit.SECONDS.toNanos(30)) {
                backoff = BACKOFF_START_MS; // the last connection was healthy; retry quickly
            }
            long wait = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            LOG.info("site {}: reconnecting to {} in {} ms", name, hub, wait);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, Math.max(BACKOFF_START_MS, reconnectMax.toMillis()));
        }
    }

    private void open(CountDownLatch ended) {
        HubGrpc.newStub(channel).connect(new ClientResponseObserver<SiteMessage, HubMessage>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<SiteMessage> requestStream) {
                stream = requestStream;
            }

            @Override
            public void onNext(HubMessage message) {
                receive(message);
            }

            @Override
            public void onError(Throwable t) {
                Status s = Status.fromThrowable(t);
                if (!closing) {
                    LOG.warn("site {}: connection to the hub ended: {}{}", name, s.getCode(),
                            s.getDescription() == null ? "" : " (" + s.getDescription() + ")");
                }
                lost();
                ended.countDown();
            }

            @Override
            public void onCompleted() {
                lost();
                ended.countDown();
            }
        });
        // The hello waits for the hub's Ready: only then has HubIdentityCheck seen its certificate.
    }

    private void hello() {
        SiteHello.Builder hello = SiteHello.newBuilder().setSoftware("medfed " + Version.current())
                .addAllActiveJobs(jobs.keySet());
        datasets.forEach((dataset, table) -> hello.addDatasets(schema(dataset, table)));
        send(SiteMessage.newBuilder().setHello(hello).build());
    }

    private void lost() {
        stream = null;
        if (connected.getCount() == 0) {
            connected = new CountDownLatch(1);
        }
    }

    /** Column names and kinds only: never row counts or values. */
    static DatasetSchema schema(String dataset, Table table) {
        DatasetSchema.Builder b = DatasetSchema.newBuilder().setName(dataset);
        for (var column : table.columns()) {
            b.addColumns(ColumnSchema.newBuilder().setName(column.name())
                    .setType(column instanceof NumericColumn ? "numeric" : "text"));
        }
        return b.build();
    }

    private boolean send(SiteMessage message) {
        synchronized (sendLock) {
            ClientCallStreamObserver<SiteMessage> s = stream;
            if (s == null) {
                return false;
            }
            try {
                s.onNext(message);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private void beat() {
        send(SiteMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSentMillis(System.currentTimeMillis())).build());
    }

    // ---- messages from the hub ----

    private void receive(HubMessage message) {
        switch (message.getKindCase()) {
            case READY -> hello();
            case WELCOME -> {
                LOG.info("site {}: connected to hub {} ({})", name, hub, message.getWelcome().getHub());
                if (!message.getWelcome().getSite().equals(name)) {
                    LOG.warn("site {}: the hub knows this site as '{}' (its certificate's name)", name,
                            message.getWelcome().getSite());
                }
                connected.countDown();
            }
            case OFFER -> compute.execute(() -> offer(message.getOffer()));
            case REQUEST -> request(message.getRequest());
            case CLOSED -> {
                ActiveJob job = jobs.remove(message.getClosed().getJob());
                worker.finish(message.getClosed().getJob());
                approvals.done(message.getClosed().getJob());
                if (job != null) {
                    LOG.info("site {}: job {} closed ({})", name, job.ticket.job(), message.getClosed().getStatus());
                }
            }
            case HEARTBEAT -> { }
            default -> LOG.warn("site {}: ignoring an unknown message from the hub", name);
        }
    }

    private void offer(JobOffer offer) {
        String where = offer.getWhere().isBlank() ? null : offer.getWhere();
        JobTicket ticket = new JobTicket(offer.getJob(), offer.getMethod(), offer.getDataset(), offer.getAnalyst(), where);
        ActiveJob job = jobs.get(offer.getJob());
        try {
            if (job == null) {
                Table table = datasets.get(offer.getDataset());
                if (table == null) {
                    throw new MedfedException("site " + name + " has no dataset '" + offer.getDataset() + "'");
                }
                Invocation<?> invocation = Invocation.parse(offer.getMethod(), offer.getParametersJson());
                worker.admit(ticket);
                job = new ActiveJob(ticket, offer.getParametersJson(), table, invocation.site());
                jobs.put(offer.getJob(), job);
                LOG.info("site {}: job {} from {}: {} on {}{}", name, ticket.job(), ticket.analyst(), ticket.method(),
                        ticket.dataset(), where == null ? "" : " where " + where);
            }
            if (job.accepted || gate.policy().approval() == ReleasePolicy.Approval.AUTO) {
                accept(job);
            } else {
                awaitApproval(job);
            }
        } catch (MedfedException e) {
            jobs.remove(offer.getJob());
            refuse(offer.getJob(), 0, e.getMessage());
        }
    }

    private void accept(ActiveJob job) {
        job.accepted = true;
        send(SiteMessage.newBuilder().setReply(JobReply.newBuilder().setJob(job.ticket.job())
                .setDecision(JobReply.Decision.ACCEPTED)).build());
    }

    private void awaitApproval(ActiveJob job) {
        var decision = approvals.decision(job.ticket, job.parametersJson);
        if (decision.isPresent()) {
            decide(job, decision.get());
            return;
        }
        approvals.pending(job.ticket, job.parametersJson);
        LOG.info("site {}: job {} waits for approval: medfed site approve {} --config ...", name, job.ticket.job(),
                job.ticket.job());
        send(SiteMessage.newBuilder().setReply(JobReply.newBuilder().setJob(job.ticket.job())
                .setDecision(JobReply.Decision.PENDING_APPROVAL)).build());
        timers.schedule(new Runnable() {
            @Override
            public void run() {
                if (jobs.get(job.ticket.job()) != job) {
                    return; // closed or failed meanwhile
                }
                try {
                    var d = approvals.decision(job.ticket, job.parametersJson);
                    if (d.isPresent()) {
                        decide(job, d.get());
                        return;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("site {}: checking the approval of job {}: {}", name, job.ticket.job(), e.getMessage());
                }
                if (!closing) {
                    timers.schedule(this, 300, TimeUnit.MILLISECONDS);
                }
            }
        }, 300, TimeUnit.MILLISECONDS);
    }

    private void decide(ActiveJob job, Approvals.Decision decision) {
        if (decision == Approvals.Decision.APPROVED) {
            accept(job);
        } else {
            jobs.remove(job.ticket.job());
            refuse(job.ticket.job(), 0, "site " + name + " refused: the site operator denied the job");
        }
    }

    private void request(RequestPart part) {
        ActiveJob job = jobs.get(part.getJob());
        if (job == null || !job.accepted) {
            refuse(part.getJob(), part.getRound(), "site " + name + " has no accepted job " + part.getJob()
                    + " (it may have restarted)");
            return;
        }
        synchronized (job) {
            if (job.assembling == null) {
                job.assembling = new PayloadAssembler("the hub");
                job.header = part;
            }
            job.assembling.add(part.getNumbersList(), part.getLabelsList());
            if (!part.getLast()) {
                return;
            }
        }
        compute.execute(() -> answer(job));
    }

    private void answer(ActiveJob job) {
        Request request;
        List<ContributionPart> parts;
        synchronized (job) {
            try {
                request = WireFormat.request(job.header, job.assembling.build());
            } catch (MedfedException e) {
                job.assembling = null;
                refuse(job.ticket.job(), job.header.getRound(), e.getMessage());
                return;
            } finally {
                job.assembling = null;
            }
            if (request.round() == job.answeredRound) {
                parts = job.answer; // a resend after a reconnection: the same answer, nothing new released
            } else {
                try {
                    requestHook.accept(request);
                    Contribution c = worker.answer(job.ticket, job.table, job.half, request);
                    parts = WireFormat.contributionParts(job.ticket.job(), request.round(), c.values());
                    job.answeredRound = request.round();
                    job.answer = parts;
                } catch (MedfedException e) {
                    refuse(job.ticket.job(), request.round(), e.getMessage());
                    return;
                } catch (RuntimeException e) {
                    LOG.error("site " + name + ": job " + job.ticket.job() + " round " + request.round() + " failed", e);
                    refuse(job.ticket.job(), request.round(), "site " + name + " failed in round " + request.round()
                            + ": internal error " + e);
                    return;
                }
            }
        }
        for (ContributionPart p : parts) {
            if (!send(SiteMessage.newBuilder().setContribution(p).build())) {
                return; // the hub resends the request when we are back
            }
        }
    }

    private void refuse(String job, int round, String reason) {
        send(SiteMessage.newBuilder().setRefusal(Refusal.newBuilder().setJob(job).setRound(round).setReason(reason)).build());
    }

    // ---- stopping ----

    /** Test hook: cuts the connection abruptly (as a network failure would); the agent reconnects. */
    void dropConnection() {
        ClientCallStreamObserver<SiteMessage> s = stream;
        if (s != null) {
            s.cancel("connection dropped (test)", null);
        }
    }

    /** Stops at once without saying goodbye, as a killed process would (its job state is lost). */
    public void kill() {
        closing = true;
        connector.interrupt();
        channel.shutdownNow();
        compute.shutdownNow();
        timers.shutdownNow();
        closeResources();
    }

    private void closeResources() {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warn("site {}: closing: {}", name, e.getMessage());
        }
    }

    /** Says goodbye to the hub and stops. */
    @Override
    public void close() {
        closing = true;
        synchronized (sendLock) {
            ClientCallStreamObserver<SiteMessage> s = stream;
            if (s != null) {
                try {
                    s.onCompleted();
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
        }
        connector.interrupt();
        timers.shutdownNow();
        compute.shutdownNow();
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
        closeResources();
    }

    /** Blocks until the agent is closed (the {@code medfed site} process's main thread). */
    public void awaitClosed() throws InterruptedException {
        connector.join();
    }

    /** Jobs in progress at this site (for status displays). */
    public Map<String, String> activeJobs() {
        Map<String, String> out = new HashMap<>();
        jobs.forEach((id, j) -> out.put(id, j.ticket.method() + " on " + j.ticket.dataset()));
        return out;
    }
}
