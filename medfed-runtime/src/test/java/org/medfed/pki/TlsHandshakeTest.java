package org.medfed.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issued files work with plain JSSE (the same PKIX trust manager the gRPC hub uses): a
 * TLS 1.3 handshake with client authentication over loopback between a hub and a site, with
 * the client checking the hub's host name against its SANs; and certificates from another CA,
 * expired ones or ones for another host are rejected.
 */
class TlsHandshakeTest {
    @TempDir
    Path dir;

    private static final Duration YEAR = Duration.ofDays(365);
    private final ExecutorService server = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    /** What the server saw, and whether the client completed a one-byte round trip. */
    private record Outcome(Object serverSaw, boolean clientRoundTrip, Exception clientError) {
    }

    @Test
    void hubAndSiteHandshakeWithMutualAuthAndHostnameCheck() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir, "C");
        SSLContext hub = context(dir.resolve("ca.pem"), ca.issue("hub", Role.HUB, List.of(), YEAR));
        SSLContext site = context(dir.resolve("ca.pem"), ca.issue("site-a", Role.SITE, List.of(), YEAR));
        for (String host : List.of("127.0.0.1", "localhost")) {
            Outcome o = handshake(hub, site, host);
            assertEquals(new Identity("site-a", Role.SITE), o.serverSaw(), "server identifies the site");
            assertEquals(true, o.clientRoundTrip(), "client error: " + o.clientError());
        }
    }

    @Test
    void siteFromAnotherCaIsRejected() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir.resolve("ours"), "C");
        ConsortiumCa other = ConsortiumCa.init(dir.resolve("theirs"), "C");
        SSLContext hub = context(dir.resolve("ours/ca.pem"), ca.issue("hub", Role.HUB, List.of(), YEAR));
        // The intruder trusts our CA (so it would accept the hub) but holds a certificate from its own CA.
        SSLContext intruder = context(dir.resolve("ours/ca.pem"), other.issue("site-a", Role.SITE, List.of(), YEAR));
        Outcome o = handshake(hub, intruder, "127.0.0.1");
        assertInstanceOf(javax.net.ssl.SSLException.class, o.serverSaw());
        assertFalse(o.clientRoundTrip());
    }

    @Test
    void expiredSiteCertificateIsRejected() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir, "C");
        SSLContext hub = context(dir.resolve("ca.pem"), ca.issue("hub", Role.HUB, List.of(), YEAR));
        var pair = Keys.generate();
        Instant now = Instant.now();
        X509Certificate expired = ca.certify(pair.getPublic(), "site-a", Role.SITE, List.of(),
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        SSLContext site = context(ca.certificate(), expired, pair.getPrivate());
        Outcome o = handshake(hub, site, "127.0.0.1");
        assertInstanceOf(javax.net.ssl.SSLException.class, o.serverSaw());
        assertFalse(o.clientRoundTrip());
    }

    @Test
    void expiredHubCertificateIsRejectedByTheClient() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir, "C");
        var pair = Keys.generate();
        Instant now = Instant.now();
        X509Certificate expired = ca.certify(pair.getPublic(), "hub", Role.HUB, List.of(),
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        SSLContext hub = context(ca.certificate(), expired, pair.getPrivate());
        SSLContext site = context(dir.resolve("ca.pem"), ca.issue("site-a", Role.SITE, List.of(), YEAR));
        Outcome o = handshake(hub, site, "127.0.0.1");
        assertInstanceOf(javax.net.ssl.SSLHandshakeException.class, o.clientError());
        assertFalse(o.clientRoundTrip());
    }

    @Test
    void hubCertificateForAnotherHostIsRejectedByTheClient() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir, "C");
        SSLContext hub = context(dir.resolve("ca.pem"), ca.issue("hub", Role.HUB, List.of("hub.example.org"), YEAR));
        SSLContext site = context(dir.resolve("ca.pem"), ca.issue("site-a", Role.SITE, List.of(), YEAR));
        Outcome o = handshake(hub, site, "127.0.0.1");
        assertInstanceOf(javax.net.ssl.SSLHandshakeException.class, o.clientError());
        assertFalse(o.clientRoundTrip());
    }

    private Outcome handshake(SSLContext serverContext, SSLContext clientContext, String host) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {"TLSv1.3"});
            listener.setNeedClientAuth(true);
            Future<Object> seen = server.submit(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(20_000);
                    try {
                        s.startHandshake();
                        Certificate[] peer = s.getSession().getPeerCertificates();
                        int b = s.getInputStream().read();
                        s.getOutputStream().write(b);
                        s.getOutputStream().flush();
                        return Identity.of((X509Certificate) peer[0]);
                    } catch (IOException e) {
                        return e;
                    }
                }
            });
            boolean roundTrip = false;
            Exception clientError = null;
            try (SSLSocket c = (SSLSocket) clientContext.getSocketFactory().createSocket(host, listener.getLocalPort())) {
                c.setSoTimeout(20_000);
                c.setEnabledProtocols(new String[] {"TLSv1.3"});
                SSLParameters p = c.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                c.setSSLParameters(p);
                c.startHandshake();
                c.getOutputStream().write(42);
                c.getOutputStream().flush();
                InputStream in = c.getInputStream();
                roundTrip = in.read() == 42;
            } catch (IOException e) {
                clientError = e;
            }
            // Callers assert what the server saw: the client's identity, or the handshake's failure.
            return new Outcome(seen.get(30, TimeUnit.SECONDS), roundTrip, clientError);
        }
    }

    private static SSLContext context(Path caFile, IssuedFiles files) throws Exception {
        return context(Pem.readCertificate(caFile), Pem.readCertificate(files.certificate()),
                Pem.readPrivateKey(files.privateKey()));
    }

    /** A JSSE context from the PEM material alone: PKIX trust in the CA, and the holder's key and certificate. */
    private static SSLContext context(X509Certificate ca, X509Certificate cert, PrivateKey key) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        char[] password = "unused".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("me", key, password, new Certificate[] {cert, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
