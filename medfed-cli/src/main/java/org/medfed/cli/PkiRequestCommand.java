package org.medfed.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.medfed.pki.CertificateRequests;
import org.medfed.pki.RequestFiles;
import org.medfed.pki.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed pki request}: at a site, a key that never leaves it and a request to send. */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = "Make a key (DIR/NAME.key, owner-only, stays here) and a certificate request (DIR/NAME.csr) "
                + "to send to the consortium operator.")
final class PkiRequestCommand implements Callable<Integer> {
    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Your name in the consortium (letters, digits, '.', '_', '-').")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "hub, site or analyst.")
    String role;

    @Option(names = "--host", paramLabel = "HOST", description = "DNS name or IP address you are reached at (repeatable).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "Where to write the files (default: current directory).")
    Path dir;

    @Mixin
    PkiOptions options;

    @Override
    public Integer call() {
        Role r = Role.parse(role);
        RequestFiles files = CertificateRequests.create(dir, name, r, hosts);
        System.out.println("Wrote:");
        System.out.println("  " + files.privateKey() + "  private key (owner-only): keep it here, never send it");
        System.out.println("  " + files.request() + "  certificate request for " + r.label() + " '" + name + "'");
        System.out.println("Next: send " + files.request().getFileName() + " to the consortium operator, who runs:");
        System.out.println("  medfed pki sign --dir PKI --csr " + files.request().getFileName());
        System.out.println("and sends back " + name + ".pem and ca.pem; check the fingerprint they read to you with "
                + "'medfed pki show --cert " + name + ".pem'.");
        return 0;
    }
}
