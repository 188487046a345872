package org.medfed.cli;

import java.time.Duration;
import org.medfed.error.UsageException;
import picocli.CommandLine.Option;

/** Options shared by the {@code pki} subcommands. */
final class PkiOptions {
    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;

    static Duration days(int days) {
        if (days < 1) {
            throw new UsageException("--days must be at least 1, not " + days);
        }
        return Duration.ofDays(days);
    }
}
