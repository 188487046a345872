package org.medfed.agent;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.medfed.config.HostPort;
import org.medfed.transport.HubIdentityCheck;
import org.medfed.transport.Tls;
import org.medfed.transport.proto.Heartbeat;
import org.medfed.transport.proto.HubGrpc;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.SiteHello;
import org.medfed.transport.proto.SiteMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site's one stream to its hub. It dials out (hospital firewalls allow outbound only), waits
 * for the hub's {@code Ready} — by then {@link HubIdentityCheck} has seen the hub's certificate —
 * before saying hello, sends heartbeats, and reconnects with exponential backoff (1 s doubling to
 * {@code reconnectMax}, with jitter) whenever the stream ends. Everything else the hub sends goes
 * to the handler.
 */
final class HubConnection {
    private static final Logger LOG = LoggerFactory.getLogger(HubConnection.class);
    private static final long BACKOFF_START_MS = 1_000;

    private final String site;
    private final HostPort hub;
    private final Duration heartbeat;
    private final Duration reconnectMax;
    private final Supplier<SiteHello> hello;
    private final Consumer<HubMessage> handler;
    private final ManagedChannel channel;
    private final Thread connector;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "medfed-site-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final Object sendLock = new Object();
    private volatile ClientCallStreamObserver<SiteMessage> stream;
    private volatile CountDownLatch welcomed = new CountDownLatch(1);
    private volatile boolean closing;

    /**
     * @param hello   the site's hello, built afresh at each connection (its active jobs change)
     * @param handler offers, requests and job closings from the hub
     */
    HubConnection(String site, HostPort hub, Tls tls, Duration heartbeat, Duration reconnectMax,
                  Supplier<SiteHello> hello, Consumer<HubMessage> handler) {
        this.site = site;
        this.hub = hub;
        this.heartbeat = heartbeat;
        this.reconnectMax = reconnectMax;
        this.hello = hello;
        this.handler = handler;
        this.channel = NettyChannelBuilder.forTarget(hub.target(), tls.client())
                .maxInboundMessageSize(64 << 20)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .intercept(new HubIdentityCheck())
                .build();
        this.connector = new Thread(this::connectLoop, "medfed-site-" + site);
        this.connector.setDaemon(true);
    }

    void start() {
        connector.start();
        long period = Math.max(100, heartbeat.toMillis());
        heartbeats.scheduleAtFixedRate(() -> send(SiteMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                .setSentMillis(System.currentTimeMillis())).build()), period, period, TimeUnit.MILLISECONDS);
    }

    boolean awaitWelcome(Duration timeout) throws InterruptedException {
        return welcomed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a message on the current stream; false when disconnected (the hub resends what it needs). */
    boolean send(SiteMessage message) {
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
                LOG.warn("site {}: cannot reach the hub at {}: {}", site, hub, e.getMessage());
            }
            if (closing) {
                return;
            }
            if (System.nanoTime() - opened > TimeUnit.SECONDS.toNanos(30)) {
                backoff = BACKOFF_START_MS; // the last connection was healthy; retry quickly
            }
            long wait = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            LOG.info("site {}: reconnecting to {} in {} ms", site, hub, wait);
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
                switch (message.getKindCase()) {
                    case READY -> send(SiteMessage.newBuilder().setHello(hello.get()).build());
                    case WELCOME -> {
                        LOG.info("site {}: connected to hub {} ({})", site, hub, message.getWelcome().getHub());
                        if (!message.getWelcome().getSite().equals(site)) {
                            LOG.warn("site {}: the hub knows this site as '{}' (its certificate's name)", site,
                                    message.getWelcome().getSite());
                        }
                        welcomed.countDown();
                    }
                    case HEARTBEAT -> { }
                    default -> handler.accept(message);
                }
            }

            @Override
            public void onError(Throwable t) {
                Status s = Status.fromThrowable(t);
                if (!closing) {
                    LOG.warn("site {}: connection to the hub ended: {}{}", site, s.getCode(),
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
    }

    private void lost() {
        stream = null;
        if (welcomed.getCount() == 0) {
            welcomed = new CountDownLatch(1);
        }
    }

    /** Cuts the stream as a network failure would; the loop reconnects (tests). */
    void drop() {
        ClientCallStreamObserver<SiteMessage> s = stream;
        if (s != null) {
            s.cancel("connection dropped (test)", null);
        }
    }

    /** Stops at once, without a goodbye. */
    void kill() {
        closing = true;
        connector.interrupt();
        heartbeats.shutdownNow();
        channel.shutdownNow();
    }

    /** Ends the stream politely and stops. */
    void close() {
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
        heartbeats.shutdownNow();
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
    }

    void join() throws InterruptedException {
        connector.join();
    }
}
