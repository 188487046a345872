package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.error.MedfedException;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.pki.ConsortiumCa;
import org.medfed.pki.IssuedFiles;
import org.medfed.pki.Pem;
import org.medfed.pki.Role;
import org.medfed.transport.Tls;
import org.medfed.transport.proto.HubGrpc;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.JobRecord;
import org.medfed.transport.proto.ListSitesRequest;
import org.medfed.transport.proto.SiteHello;
import org.medfed.transport.proto.SiteInfo;
import org.medfed.transport.proto.SiteMessage;

/**
 * Callers the hub must turn away over real mutual TLS: a certificate from another CA, no client
 * certificate, an expired certificate, and certificates whose role may not call the method. After
 * each rejection the hub still serves a legitimate analyst.
 */
@Timeout(60)
class HubSecurityTest {
    @TempDir
    static Path dir;

    @TempDir
    static Path elsewhere;

    static LoopbackConsortium consortium;

    @BeforeAll
    static void start() throws Exception {
        consortium = DeployedGlmTest.birthwt(dir).start();
    }

    @AfterAll
    static void stop() {
        if (consortium != null) {
            consortium.close();
        }
    }

    private static Path caFile() {
        return consortium.pki().resolve("ca.pem");
    }

    /** A legitimate analyst still gets answers: the hub survived the rejected caller. */
    private static void hubStillServes() {
        try (AnalystClient analyst = consortium.analyst()) {
            List<String> sites = analyst.sites().stream().map(SiteInfo::getName).toList();
            assertEquals(List.of("site1", "site2", "site3"), sites);
            assertTrue(analyst.sites().stream().allMatch(SiteInfo::getConnected), "every site still connected");
        }
    }

    private static ManagedChannel channel(io.grpc.ChannelCredentials credentials) {
        return NettyChannelBuilder.forTarget(consortium.hubAddress().target(), credentials).build();
    }

    private static void shutdown(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(2, TimeUnit.SECONDS);
    }

    @Test
    void certificateFromAnotherCaIsRejected() {
        ConsortiumCa foreign = ConsortiumCa.init(elsewhere.resolve("foreign-pki"), "Foreign consortium");
        // Same name and role as our analyst: only the issuing CA differs.
        IssuedFiles files = foreign.issue("analyst", Role.ANALYST, List.of(), Duration.ofDays(1));
        try (AnalystClient intruder = new AnalystClient(consortium.hubAddress(),
                new Tls(caFile(), files.certificate(), files.privateKey()))) {
            MedfedException e = assertThrows(MedfedException.class, intruder::sites);
            assertNotNull(e.getMessage());
            assertThrows(MedfedException.class, intruder::jobs);
        }
        hubStillServes();
    }

    @Test
    void noClientCertificateIsRejected() throws Exception {
        ManagedChannel channel = channel(TlsChannelCredentials.newBuilder().trustManager(caFile().toFile()).build());
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> HubGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                            .listSites(ListSitesRequest.getDefaultInstance()));
            Status.Code code = e.getStatus().getCode();
            assertTrue(code == Status.Code.UNAVAILABLE || code == Status.Code.UNAUTHENTICATED,
                    "expected UNAVAILABLE or UNAUTHENTICATED, got " + e.getStatus());
        } finally {
            shutdown(channel);
        }
        hubStillServes();
    }

    @Test
    void expiredCertificateIsRejected() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate expired = consortium.ca().certify(pair.getPublic(), "expired-analyst", Role.ANALYST, List.of(),
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        Path cert = elsewhere.resolve("expired").resolve("expired-analyst.pem");
        Path key = elsewhere.resolve("expired").resolve("expired-analyst.key");
        Pem.writeCertificate(cert, expired);
        Pem.writePrivateKey(key, pair.getPrivate());
        try (AnalystClient late = new AnalystClient(consortium.hubAddress(), new Tls(caFile(), cert, key))) {
            assertThrows(MedfedException.class, late::sites);
            assertThrows(MedfedException.class, () -> late.submit(Invocation.of(new GlmMethod(),
                    DeployedGlmTest.parameters()), "birthwt", null, List.of(), e -> { }));
        }
        hubStillServes();
    }

    @Test
    void siteCertificateMayNotSubmit() {
        Tls siteTls = new Tls(caFile(), consortium.pki().resolve("site1.pem"), consortium.pki().resolve("site1.key"));
        try (AnalystClient impostor = new AnalystClient(consortium.hubAddress(), siteTls)) {
            MedfedException e = assertThrows(MedfedException.class, () -> impostor.submit(
                    Invocation.of(new GlmMethod(), DeployedGlmTest.parameters()), "birthwt", null, List.of(), ev -> { }));
            assertTrue(e.getMessage().contains("may not call Submit"), e.getMessage());
            assertTrue(e.getMessage().contains("role site"), e.getMessage());
            assertTrue(e.getMessage().startsWith("the hub refused:"), "PERMISSION_DENIED: " + e.getMessage());
            // Nor may it read the analysts' jobs.
            MedfedException list = assertThrows(MedfedException.class, impostor::jobs);
            assertTrue(list.getMessage().contains("may not call ListJobs"), list.getMessage());
        }
        hubStillServes();
        // The impostor's attempt did not start a job.
        try (AnalystClient analyst = consortium.analyst()) {
            assertTrue(analyst.jobs().stream().noneMatch(j -> j.getAnalyst().equals("site1")));
        }
    }

    @Test
    void analystCertificateMayNotOpenTheSiteStream() throws Exception {
        ManagedChannel channel = channel(consortium.analystTls().client());
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        try {
            StreamObserver<SiteMessage> requests = HubGrpc.newStub(channel).connect(new StreamObserver<HubMessage>() {
                @Override
                public void onNext(HubMessage value) {
                    ended.completeExceptionally(new AssertionError("the hub answered an analyst's site stream: " + value));
                }

                @Override
                public void onError(Throwable t) {
                    ended.complete(t);
                }

                @Override
                public void onCompleted() {
                    ended.completeExceptionally(new AssertionError("the hub completed an analyst's site stream"));
                }
            });
            requests.onNext(SiteMessage.newBuilder().setHello(SiteHello.newBuilder().setSoftware("intruder")).build());
            Throwable t = ended.get(20, TimeUnit.SECONDS);
            Status status = Status.fromThrowable(t);
            assertEquals(Status.Code.PERMISSION_DENIED, status.getCode(), status.toString());
            assertTrue(status.getDescription().contains("may not call Connect"), status.getDescription());
        } finally {
            shutdown(channel);
        }
        try (AnalystClient analyst = consortium.analyst()) {
            List<String> sites = analyst.sites().stream().map(SiteInfo::getName).toList();
            assertFalse(sites.contains("analyst"), "the analyst became a site: " + sites);
            assertEquals(List.of("site1", "site2", "site3"), sites);
        }
        hubStillServes();
    }

    @Test
    void aLegitimateJobStillRunsAfterTheRejections() throws Exception {
        // Runs in any order relative to the others; mixes rejected callers with a real job.
        certificateFromAnotherCaIsRejectedQuietly();
        try (AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(Invocation.of(new GlmMethod(), DeployedGlmTest.parameters()), "birthwt", null,
                    List.of(), e -> { });
            assertEquals("succeeded", r.getStatus(), r.getError());
            assertEquals("analyst", r.getAnalyst());
        }
    }

    private static void certificateFromAnotherCaIsRejectedQuietly() {
        Path pki = elsewhere.resolve("foreign-pki-2");
        ConsortiumCa foreign = ConsortiumCa.init(pki, "Foreign consortium");
        IssuedFiles files = foreign.issue("analyst", Role.ANALYST, List.of(), Duration.ofDays(1));
        try (AnalystClient intruder = new AnalystClient(consortium.hubAddress(),
                new Tls(caFile(), files.certificate(), files.privateKey()))) {
            assertThrows(MedfedException.class, () -> intruder.submit(Invocation.of(new GlmMethod(),
                    DeployedGlmTest.parameters()), "birthwt", null, List.of(), e -> { }));
        }
    }
}
