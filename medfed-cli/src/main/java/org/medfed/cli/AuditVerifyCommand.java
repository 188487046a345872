package org.medfed.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.medfed.audit.AuditVerifier;
import org.medfed.audit.VerifyReport;
import org.medfed.error.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medfed audit verify}: exit 0 with the head hash when the chain is intact, else exit 1
 * with one line per problem on stderr.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check an audit log's hash chain; name every changed, missing, reordered or inserted record.")
final class AuditVerifyCommand implements Callable<Integer> {
    @Option(names = "--log", required = true, paramLabel = "FILE", description = "The site's audit log.")
    Path log;

    @Option(names = "--head", paramLabel = "HASH",
            description = "A head hash kept from an earlier 'audit verify' or 'audit show': the log must still contain it "
                    + "(a cut-off tail cannot be seen otherwise).")
    String head;

    @Option(names = "--records", paramLabel = "N", defaultValue = "0",
            description = "A record count kept from earlier: the log must hold at least N records.")
    long records;

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;

    @Override
    public Integer call() {
        String expectedHead = head == null ? null : head.trim().toLowerCase(Locale.ROOT);
        if (expectedHead != null && !expectedHead.matches("[0-9a-f]{64}")) {
            throw new UsageException("--head must be the 64-digit hex hash printed by 'medfed audit verify' "
                    + "or 'medfed audit show', not '" + head + "'");
        }
        if (records < 0) {
            throw new UsageException("--records must be 0 or more, not " + records);
        }
        VerifyReport report = AuditVerifier.verify(log, expectedHead, records);
        if (report.ok()) {
            System.out.println("audit log " + log + ": " + report.records() + " records, chain intact, head "
                    + report.head());
            report.notes().forEach(n -> System.out.println("  " + n));
            return 0;
        }
        int n = report.problems().size();
        System.err.println("audit log " + log + ": " + report.records() + " records, " + n
                + (n == 1 ? " problem:" : " problems:"));
        report.problems().forEach(p -> System.err.println("  " + p));
        report.notes().forEach(p -> System.err.println("  (" + p + ")"));
        return 1;
    }
}
