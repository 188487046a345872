package org.medfed.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.medfed.pki.CertificateSummary;
import org.medfed.pki.ConsortiumCa;
import org.medfed.pki.IssuedFiles;
import org.medfed.pki.Pem;
import org.medfed.pki.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medfed pki issue}: key and certificate made together by the operator. Simple for a
 * trial or for the hub; for a site, {@code request} + {@code sign} keeps the key at the site.
 */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Issue a key and certificate: DIR/NAME.pem and DIR/NAME.key (owner-only).")
final class PkiIssueCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The CA's directory (from 'pki init').")
    Path dir;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Holder's name (letters, digits, '.', '_', '-'): the certificate's CN and the file name.")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "hub, site or analyst.")
    String role;

    @Option(names = "--host", paramLabel = "HOST",
            description = "DNS name or IP address the holder is reached at (repeatable). A hub without --host gets "
                    + "localhost and 127.0.0.1.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Mixin
    PkiOptions options;

    @Override
    public Integer call() {
        Role r = Role.parse(role);
        var validity = PkiOptions.days(days);
        IssuedFiles files = ConsortiumCa.load(dir).issue(name, r, hosts, validity);
        CertificateSummary s = CertificateSummary.of(Pem.readCertificate(files.certificate()));
        System.out.println("Issued " + r.label() + " certificate for '" + name + "':");
        System.out.println("  " + files.certificate() + "  certificate");
        System.out.println("  " + files.privateKey() + "  private key (owner-only): deliver it to the holder securely");
        PkiShowCommand.printDetails(s);
        return 0;
    }
}
