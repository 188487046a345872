package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.pki.CertificateSummary;
import org.medfed.pki.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed pki show}: what a certificate says, for a person to check. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a certificate: subject, role, hosts, validity, issuer and SHA-256 fingerprint.")
final class PkiShowCommand implements Callable<Integer> {
    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "A PEM certificate (NAME.pem or ca.pem).")
    Path cert;

    @Mixin
    PkiOptions options;

    @Override
    public Integer call() {
        CertificateSummary s = CertificateSummary.of(Pem.readCertificate(cert));
        System.out.println("  subject:     " + s.subject());
        printDetails(s);
        System.out.println("  issuer:      " + s.issuer());
        return 0;
    }

    static void printDetails(CertificateSummary s) {
        s.identity().ifPresentOrElse(
                id -> System.out.println("  name, role:  " + id.name() + ", " + id.role().label()),
                () -> System.out.println("  role:        none (a CA or a certificate not issued by medfed)"));
        System.out.println("  hosts:       " + (s.hosts().isEmpty() ? "none" : String.join(", ", s.hosts())));
        System.out.println("  valid:       " + s.notBefore() + " to " + s.notAfter());
        System.out.println("  SHA-256:     " + s.sha256());
    }
}
