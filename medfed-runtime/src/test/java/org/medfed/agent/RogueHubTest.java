package org.medfed.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.config.HostPort;
import org.medfed.data.TableReader;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.hub.Hub;
import org.medfed.hub.HubConfig;
import org.medfed.pki.ConsortiumCa;
import org.medfed.pki.Role;
import org.medfed.site.ReleaseGate;
import org.medfed.simulator.ReferenceCase;
import org.medfed.transport.Tls;
import org.medfed.transport.proto.HubGrpc;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.ListSitesRequest;
import org.medfed.transport.proto.Ready;
import org.medfed.transport.proto.SiteList;
import org.medfed.transport.proto.SiteMessage;

/**
 * A member of the consortium posing as the hub: its certificate chains to the consortium CA and
 * names the right host, but its role is site. Analysts and sites refuse to talk to it; a site
 * never even tells it its datasets' names.
 */
class RogueHubTest {
    @TempDir
    Path dir;

    @Test
    void analystsAndSitesRefuseAServerWhoseCertificateIsNotAHubs() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir.resolve("pki"), "Test");
        Path caPem = dir.resolve("pki/ca.pem");
        var rogue = ca.issue("mallory", Role.SITE, List.of("127.0.0.1"), Duration.ofDays(1));
        AtomicInteger hellos = new AtomicInteger();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                new Tls(caPem, rogue.certificate(), rogue.privateKey()).server())
                .addService(new HubGrpc.HubImplBase() {
                    @Override
                    public void listSites(ListSitesRequest request, StreamObserver<SiteList> out) {
                        out.onNext(SiteList.getDefaultInstance());
                        out.onCompleted();
                    }

                    @Override
                    public StreamObserver<SiteMessage> connect(StreamObserver<HubMessage> out) {
                        out.onNext(HubMessage.newBuilder().setReady(Ready.newBuilder().setHub("fake")).build());
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(SiteMessage m) {
                                if (m.hasHello()) {
                                    hellos.incrementAndGet();
                                }
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                            }
                        };
                    }
                }).build().start();
        try {
            HostPort address = new HostPort("127.0.0.1", server.getPort());
            var analystFiles = ca.issue("alice", Role.ANALYST, List.of(), Duration.ofDays(1));
            try (AnalystClient analyst = new AnalystClient(address, new Tls(caPem, analystFiles.certificate(),
                    analystFiles.privateKey()))) {
                MedfedException e = assertThrows(MedfedException.class, analyst::sites);
                assertTrue(e.getMessage().contains("not a medfed hub") && e.getMessage().contains("'mallory' has role site"),
                        e.getMessage());
            }

            var siteFiles = ca.issue("site1", Role.SITE, List.of(), Duration.ofDays(1));
            ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
            SiteAgent agent = new SiteAgent("site1", address, new Tls(caPem, siteFiles.certificate(), siteFiles.privateKey()),
                    Map.of("birthwt", TableReader.read("site1", c.siteFiles().get("site1"))), new ReleaseGate("site1"),
                    dir.resolve("state"), Duration.ofSeconds(1), Duration.ofSeconds(1)).start();
            try {
                assertFalse(agent.awaitConnected(Duration.ofSeconds(3)));
                assertTrue(hellos.get() == 0, "the site said hello to an impostor");
            } finally {
                agent.close();
            }

            // A hub refuses to start with anything but a hub certificate.
            UsageException bad = assertThrows(UsageException.class, () -> Hub.start(HubConfig.of(
                    new HostPort("127.0.0.1", 0), new Tls(caPem, rogue.certificate(), rogue.privateKey()),
                    dir.resolve("hub-data"), Duration.ofSeconds(5))));
            assertTrue(bad.getMessage().contains("has role site; the hub needs a hub certificate"), bad.getMessage());
        } finally {
            server.shutdownNow();
        }
    }
}
