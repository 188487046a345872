package org.medfed.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code medfed pki}: the consortium operator's certificate authority and a site's certificate
 * request. The files it writes are what the hub, site and analyst commands use for mutual TLS.
 */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Consortium identity: create the CA, issue or sign hub/site/analyst certificates.",
        subcommands = {PkiInitCommand.class, PkiIssueCommand.class, PkiRequestCommand.class, PkiSignCommand.class,
                PkiShowCommand.class})
final class PkiCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a subcommand: init, issue, request, sign or show (see 'medfed pki --help')");
    }
}
