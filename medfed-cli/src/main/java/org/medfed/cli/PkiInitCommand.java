package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.pki.ConsortiumCa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed pki init}: creates the consortium's certificate authority. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the consortium CA: DIR/ca.pem (give to every member) and DIR/ca.key (keep secret).")
final class PkiInitCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory for the CA (created if needed).")
    Path dir;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The consortium's name (the certificates' O).")
    String name;

    @Mixin
    PkiOptions options;

    @Override
    public Integer call() {
        ConsortiumCa ca = ConsortiumCa.init(dir, name);
        System.out.println("Created the CA of consortium '" + ca.consortiumName() + "':");
        System.out.println("  " + dir.resolve("ca.pem") + "  CA certificate: give it to the hub, every site and analyst");
        System.out.println("  " + dir.resolve("ca.key") + "  CA private key (owner-only): keep it secret and backed up");
        System.out.println("SHA-256 fingerprint: " + org.medfed.pki.CertificateSummary.fingerprint(ca.certificate()));
        return 0;
    }
}
