package org.medfed.cli;

import java.nio.file.Path;
import org.medfed.analyst.AnalystClient;
import org.medfed.config.HostPort;
import org.medfed.transport.Tls;
import picocli.CommandLine.Option;

/**
 * How an analyst reaches a hub: its address and the analyst's certificate files. Each flag
 * falls back to an environment variable so that a session need not repeat them.
 */
final class HubOptions {
    @Option(names = "--hub", paramLabel = "HOST:PORT", defaultValue = "${env:MEDFED_HUB}",
            description = "The hub's address (default: $MEDFED_HUB).")
    String hub;

    @Option(names = "--ca", paramLabel = "FILE", defaultValue = "${env:MEDFED_CA}",
            description = "The consortium CA certificate (default: $MEDFED_CA).")
    Path ca;

    @Option(names = "--cert", paramLabel = "FILE", defaultValue = "${env:MEDFED_CERT}",
            description = "Your analyst certificate (default: $MEDFED_CERT).")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:MEDFED_KEY}",
            description = "Your private key (default: $MEDFED_KEY).")
    Path key;

    AnalystClient connect() {
        if (hub == null || hub.isBlank()) {
            throw new org.medfed.error.UsageException("missing --hub HOST:PORT (or set MEDFED_HUB)");
        }
        return new AnalystClient(HostPort.parse(hub, "--hub"), new Tls(ca, cert, key));
    }
}
