package org.medfed.cli;

import org.medfed.agent.Approvals;
import picocli.CommandLine.Command;

/** {@code medfed site approve JOB}: the site operator lets a waiting job run. */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a job waiting at this site.")
final class SiteApproveCommand extends SiteDecisionCommand {
    @Override
    Approvals.Decision decision() {
        return Approvals.Decision.APPROVED;
    }

    @Override
    String confirmation() {
        return "approved; the site agent starts it within a second";
    }
}
