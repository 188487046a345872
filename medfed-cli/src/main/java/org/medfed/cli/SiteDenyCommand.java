package org.medfed.cli;

import org.medfed.agent.Approvals;
import picocli.CommandLine.Command;

/** {@code medfed site deny JOB}: the site operator refuses a waiting job. */
@Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a job waiting at this site.")
final class SiteDenyCommand extends SiteDecisionCommand {
    @Override
    Approvals.Decision decision() {
        return Approvals.Decision.DENIED;
    }

    @Override
    String confirmation() {
        return "denied; the analyst is told the site operator refused it";
    }
}
