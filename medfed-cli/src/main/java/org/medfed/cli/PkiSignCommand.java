package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.pki.CertificateSummary;
import org.medfed.pki.ConsortiumCa;
import org.medfed.pki.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed pki sign}: the operator turns a site's request into a certificate. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a certificate request made with 'medfed pki request': writes DIR/NAME.pem.")
final class PkiSignCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA's directory (from 'pki init').")
    Path dir;

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The request (NAME.csr).")
    Path csr;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Mixin
    PkiOptions options;

    @Override
    public Integer call() {
        var validity = PkiOptions.days(days);
        Path cert = ConsortiumCa.load(dir).sign(csr, validity);
        CertificateSummary s = CertificateSummary.of(Pem.readCertificate(cert));
        System.out.println("Signed " + cert);
        PkiShowCommand.printDetails(s);
        System.out.println("Send " + cert.getFileName() + " and ca.pem back, and read the fingerprint to the requester "
                + "over another channel (phone, video call) so they can check it.");
        return 0;
    }
}
