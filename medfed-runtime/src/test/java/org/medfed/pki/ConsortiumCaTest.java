package org.medfed.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;

/** The CA's files, the contents of what it issues, and the request/sign round trip. */
class ConsortiumCaTest {
    @TempDir
    Path dir;

    private static final Duration YEAR = Duration.ofDays(365);

    @Test
    void initWritesCaCertificateAndOwnerOnlyKey() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir.resolve("pki"), "Heart Study");
        X509Certificate cert = Pem.readCertificate(dir.resolve("pki/ca.pem"));
        assertEquals(ca.certificate(), cert);
        assertEquals("Heart Study", ca.consortiumName());
        assertEquals("CN=Heart Study CA,O=Heart Study", cert.getSubjectX500Principal().getName());
        assertTrue(cert.getBasicConstraints() >= 0, "CA=true");
        assertTrue(cert.getKeyUsage()[5] && cert.getKeyUsage()[6], "keyCertSign and cRLSign");
        assertTrue(cert.getCriticalExtensionOIDs().contains("2.5.29.19"), "basicConstraints critical");
        assertTrue(Files.readString(dir.resolve("pki/ca.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertOwnerOnly(dir.resolve("pki/ca.key"));
        cert.verify(cert.getPublicKey());
        assertEquals(ca.certificate(), ConsortiumCa.load(dir.resolve("pki")).certificate());
    }

    @Test
    void initRefusesAnExistingCa() {
        ConsortiumCa.init(dir, "C");
        MedfedException e = assertThrows(MedfedException.class, () -> ConsortiumCa.init(dir, "C"));
        assertTrue(e.getMessage().contains("already holds a consortium CA"), e.getMessage());
    }

    @Test
    void loadWithoutInitSaysWhatToDo() {
        MedfedException e = assertThrows(MedfedException.class, () -> ConsortiumCa.load(dir));
        assertTrue(e.getMessage().contains("medfed pki init"), e.getMessage());
    }

    @Test
    void issuedHubCertificateBindsNameRoleAndHosts() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir, "Heart Study");
        IssuedFiles files = ca.issue("hub", Role.HUB, List.of(), YEAR);
        assertEquals(dir.resolve("hub.pem"), files.certificate());
        assertEquals(dir.resolve("hub.key"), files.privateKey());
        assertOwnerOnly(files.privateKey());
        X509Certificate cert = Pem.readCertificate(files.certificate());
        cert.verify(ca.certificate().getPublicKey());
        cert.checkValidity();
        assertEquals("CN=hub,OU=hub,O=Heart Study", cert.getSubjectX500Principal().getName());
        assertEquals(new Identity("hub", Role.HUB), Identity.of(cert));
        assertEquals(-1, cert.getBasicConstraints(), "not a CA");
        assertTrue(cert.getKeyUsage()[0], "digitalSignature");
        assertTrue(cert.getCriticalExtensionOIDs().contains("2.5.29.15"), "keyUsage critical");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
        assertFalse(cert.getCriticalExtensionOIDs().contains(RoleExtension.OID));
        assertEquals(List.of("localhost", "127.0.0.1"), CertificateSummary.of(cert).hosts());
        assertTrue(cert.getSerialNumber().signum() > 0);
        assertTrue(cert.getSerialNumber().bitLength() <= 128);
        // The private key matches the certificate.
        var key = Pem.readPrivateKey(files.privateKey());
        var sig = java.security.Signature.getInstance("SHA256withECDSA");
        sig.initSign(key);
        sig.update(new byte[] {1, 2, 3});
        byte[] s = sig.sign();
        sig.initVerify(cert.getPublicKey());
        sig.update(new byte[] {1, 2, 3});
        assertTrue(sig.verify(s));
    }

    @Test
    void siteAndAnalystKeyUsagesAndExplicitHosts() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir, "C");
        X509Certificate site = Pem.readCertificate(
                ca.issue("site-a", Role.SITE, List.of("site-a.example.org", "10.0.0.7", "::1"), YEAR).certificate());
        assertEquals(List.of("site-a.example.org", "10.0.0.7", "0:0:0:0:0:0:0:1"), CertificateSummary.of(site).hosts());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), site.getExtendedKeyUsage());
        X509Certificate analyst = Pem.readCertificate(ca.issue("ann", Role.ANALYST, List.of(), YEAR).certificate());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), analyst.getExtendedKeyUsage());
        assertTrue(CertificateSummary.of(analyst).hosts().isEmpty());
        assertEquals(new Identity("ann", Role.ANALYST), Identity.of(analyst));
    }

    @Test
    void issueRefusesToOverwrite() {
        ConsortiumCa ca = ConsortiumCa.init(dir, "C");
        ca.issue("a", Role.SITE, List.of(), YEAR);
        assertThrows(MedfedException.class, () -> ca.issue("a", Role.SITE, List.of(), YEAR));
    }

    @Test
    void identityOfCertificateWithoutRoleFails() {
        ConsortiumCa ca = ConsortiumCa.init(dir, "C");
        MedfedException e = assertThrows(MedfedException.class, () -> Identity.of(ca.certificate()));
        assertTrue(e.getMessage().contains("no medfed role"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "../x", "..", "x/y", "é", "a:b",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void badNamesAreUsageErrors(String name) {
        ConsortiumCa ca = ConsortiumCa.init(dir, "C");
        UsageException e = assertThrows(UsageException.class, () -> ca.issue(name, Role.SITE, List.of(), YEAR));
        assertEquals(2, e.exitCode());
    }

    @Test
    void roleParsing() {
        assertEquals(Role.SITE, Role.parse("Site"));
        assertEquals("analyst", Role.ANALYST.label());
        UsageException e = assertThrows(UsageException.class, () -> Role.parse("admin"));
        assertTrue(e.getMessage().contains("hub, site, analyst"), e.getMessage());
    }

    @Test
    void requestAndSignRoundTrip() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir.resolve("pki"), "C");
        Path site = dir.resolve("site");
        RequestFiles req = CertificateRequests.create(site, "site-b", Role.SITE, List.of("b.example.org"));
        assertEquals(site.resolve("site-b.csr"), req.request());
        assertOwnerOnly(req.privateKey());
        assertTrue(Files.readString(req.request()).startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
        Path certFile = ca.sign(req.request(), YEAR);
        assertEquals(dir.resolve("pki/site-b.pem"), certFile);
        X509Certificate cert = Pem.readCertificate(certFile);
        cert.verify(ca.certificate().getPublicKey());
        assertEquals(new Identity("site-b", Role.SITE), Identity.of(cert));
        assertEquals("CN=site-b,OU=site,O=C", cert.getSubjectX500Principal().getName());
        assertEquals(List.of("b.example.org"), CertificateSummary.of(cert).hosts());
        assertEquals(Pem.readPrivateKey(req.privateKey()).getAlgorithm(), cert.getPublicKey().getAlgorithm());
        assertThrows(MedfedException.class, () -> ca.sign(req.request(), YEAR), "refuses to overwrite site-b.pem");
    }

    @Test
    void tamperedRequestIsRefused() throws Exception {
        ConsortiumCa ca = ConsortiumCa.init(dir.resolve("pki"), "C");
        RequestFiles req = CertificateRequests.create(dir, "s", Role.SITE, List.of());
        var csr = Pem.readCertificationRequest(req.request());
        byte[] der = csr.getEncoded();
        der[der.length - 5] ^= 0x01; // inside the signature
        Path bad = dir.resolve("bad.csr");
        Files.writeString(bad, "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n");
        assertThrows(MedfedException.class, () -> ca.sign(bad, YEAR));
    }

    @Test
    void validityLongerThanTheCaIsRefused() {
        ConsortiumCa ca = ConsortiumCa.init(dir, "C");
        assertThrows(UsageException.class, () -> ca.issue("a", Role.SITE, List.of(), Duration.ofDays(4000)));
        assertThrows(UsageException.class, () -> ca.issue("a", Role.SITE, List.of(), Duration.ZERO));
    }

    static void assertOwnerOnly(Path file) throws Exception {
        Assumptions.assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
