package org.medfed.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code medfed audit verify|show}: read a site's audit log; never writes it. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check or read a site's tamper-evident audit log (one hash-chained JSON line per release).",
        subcommands = {AuditVerifyCommand.class, AuditShowCommand.class})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: 'medfed audit verify' or 'medfed audit show'");
    }
}
