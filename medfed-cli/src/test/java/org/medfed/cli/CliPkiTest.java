package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.pki.CertificateSummary;
import org.medfed.pki.Identity;
import org.medfed.pki.Pem;
import org.medfed.pki.Role;

/** {@code medfed pki}: the operator's and the site's steps, owner-only keys, and the user errors. */
class CliPkiTest {
    @TempDir
    Path dir;

    private static void assertOk(CliRun run) {
        assertEquals(0, run.exitCode(), "stderr: " + run.err());
    }

    private static void assertUserError(CliRun run, int code, String... fragments) {
        assertEquals(code, run.exitCode(), "exit code; stderr was: " + run.err());
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "stderr should mention '" + f + "': " + run.err());
        }
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(run.err().contains("Exception"), "no exception class names: " + run.err());
    }

    private static void assertOwnerOnly(Path file) throws Exception {
        assertTrue(Files.exists(file), file + " exists");
        Assumptions.assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }

    @Test
    void initIssueRequestSignRoundTrip() throws Exception {
        Path pki = dir.resolve("pki");
        CliRun init = CliRun.of("pki", "init", "--dir", pki.toString(), "--name", "Heart Study");
        assertOk(init);
        assertTrue(init.out().contains("ca.pem") && init.out().contains("ca.key"), init.out());
        assertOwnerOnly(pki.resolve("ca.key"));

        CliRun issue = CliRun.of("pki", "issue", "--dir", pki.toString(), "--name", "hub", "--role", "HUB",
                "--host", "hub.example.org", "--host", "10.1.2.3", "--days", "30");
        assertOk(issue);
        assertOwnerOnly(pki.resolve("hub.key"));
        X509Certificate hub = Pem.readCertificate(pki.resolve("hub.pem"));
        assertEquals(new Identity("hub", Role.HUB), Identity.of(hub));
        assertEquals(java.util.List.of("hub.example.org", "10.1.2.3"), CertificateSummary.of(hub).hosts());
        assertTrue(issue.out().contains("hub.example.org, 10.1.2.3"), issue.out());

        Path site = dir.resolve("site");
        CliRun request = CliRun.of("pki", "request", "--name", "site-a", "--role", "site", "--dir", site.toString());
        assertOk(request);
        assertOwnerOnly(site.resolve("site-a.key"));
        assertTrue(Files.exists(site.resolve("site-a.csr")));
        assertTrue(request.out().contains("medfed pki sign --dir PKI --csr site-a.csr"), request.out());

        CliRun sign = CliRun.of("pki", "sign", "--dir", pki.toString(), "--csr", site.resolve("site-a.csr").toString());
        assertOk(sign);
        X509Certificate siteCert = Pem.readCertificate(pki.resolve("site-a.pem"));
        siteCert.verify(Pem.readCertificate(pki.resolve("ca.pem")).getPublicKey());
        assertEquals(new Identity("site-a", Role.SITE), Identity.of(siteCert));
        String fingerprint = CertificateSummary.fingerprint(siteCert);
        assertTrue(sign.out().contains("site-a, site"), sign.out());
        assertTrue(sign.out().contains(fingerprint), sign.out());
        assertFalse(Files.exists(pki.resolve("site-a.key")), "the site's key never reaches the operator");

        CliRun show = CliRun.of("pki", "show", "--cert", pki.resolve("site-a.pem").toString());
        assertOk(show);
        assertTrue(show.out().contains("CN=site-a,OU=site,O=Heart Study"), show.out());
        assertTrue(show.out().contains(fingerprint), show.out());
        assertTrue(show.out().contains("CN=Heart Study CA"), show.out());
    }

    @Test
    void badRoleIsAUsageError() {
        assertOk(CliRun.of("pki", "init", "--dir", dir.toString(), "--name", "C"));
        assertUserError(CliRun.of("pki", "issue", "--dir", dir.toString(), "--name", "x", "--role", "admin"), 2,
                "admin", "hub, site, analyst");
        assertFalse(Files.exists(dir.resolve("x.key")));
    }

    @Test
    void badNameIsAUsageError() {
        assertOk(CliRun.of("pki", "init", "--dir", dir.toString(), "--name", "C"));
        assertUserError(CliRun.of("pki", "issue", "--dir", dir.toString(), "--name", "../evil", "--role", "site"), 2,
                "invalid name");
    }

    @Test
    void issueBeforeInitSaysToInit() {
        assertUserError(CliRun.of("pki", "issue", "--dir", dir.toString(), "--name", "a", "--role", "site"), 1,
                "no consortium CA", "medfed pki init");
    }

    @Test
    void initTwiceRefuses() throws Exception {
        assertOk(CliRun.of("pki", "init", "--dir", dir.toString(), "--name", "C"));
        String before = Files.readString(dir.resolve("ca.pem"));
        assertUserError(CliRun.of("pki", "init", "--dir", dir.toString(), "--name", "C"), 1, "already holds a consortium CA");
        assertEquals(before, Files.readString(dir.resolve("ca.pem")));
    }

    @Test
    void signingAMissingRequestIsClear() {
        assertOk(CliRun.of("pki", "init", "--dir", dir.toString(), "--name", "C"));
        assertUserError(CliRun.of("pki", "sign", "--dir", dir.toString(), "--csr", dir.resolve("nope.csr").toString()), 1,
                "file not found", "nope.csr");
    }

    @Test
    void nonPositiveDaysIsAUsageError() {
        assertOk(CliRun.of("pki", "init", "--dir", dir.toString(), "--name", "C"));
        assertUserError(CliRun.of("pki", "issue", "--dir", dir.toString(), "--name", "a", "--role", "site", "--days", "0"), 2,
                "--days");
    }
}
