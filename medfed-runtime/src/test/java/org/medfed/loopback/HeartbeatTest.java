package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.pki.Role;
import org.medfed.transport.Tls;
import org.medfed.transport.proto.DatasetSchema;
import org.medfed.transport.proto.HubGrpc;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.SiteHello;
import org.medfed.transport.proto.SiteMessage;

/** A site whose process hangs (stream open, no heartbeats) is dropped; live agents are not. */
class HeartbeatTest {
    @TempDir
    Path dir;

    @Test
    void aSilentSiteIsDisconnectedAndHeartbeatingSitesStay() throws Exception {
        // Heartbeats every 200 ms; the hub drops a site silent for 5 intervals (1 s).
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).heartbeat(Duration.ofMillis(200)).start();
             AnalystClient analyst = consortium.analyst()) {
            var files = consortium.ca().issue("hung", Role.SITE, java.util.List.of(), Duration.ofDays(1));
            ManagedChannel channel = NettyChannelBuilder.forTarget(consortium.hubAddress().target(),
                    new Tls(consortium.pki().resolve("ca.pem"), files.certificate(), files.privateKey()).client()).build();
            try {
                CompletableFuture<Status> ended = new CompletableFuture<>();
                StreamObserver<SiteMessage> out = HubGrpc.newStub(channel).connect(new StreamObserver<HubMessage>() {
                    @Override
                    public void onNext(HubMessage value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(Status.OK);
                    }
                });
                out.onNext(SiteMessage.newBuilder().setHello(SiteHello.newBuilder()
                        .addDatasets(DatasetSchema.newBuilder().setName("birthwt"))).build());
                // ...and then nothing: no heartbeats.
                Status status = ended.get(15, TimeUnit.SECONDS);
                assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status.toString());
                assertTrue(status.getDescription().startsWith("no heartbeat for"), status.getDescription());
                var hung = analyst.sites().stream().filter(s -> s.getName().equals("hung")).findFirst().orElseThrow();
                assertFalse(hung.getConnected());
                // The real agents heartbeat and were never dropped.
                assertEquals(java.util.List.of("site1", "site2", "site3"), consortium.hub().connectedSites());
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
