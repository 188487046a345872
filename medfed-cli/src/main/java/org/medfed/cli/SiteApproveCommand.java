package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.agent.Approvals;
import org.medfed.agent.SiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medfed site approve JOB}: the site operator lets a waiting job run. */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a job waiting at this site.")
final class SiteApproveCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The site's YAML configuration.")
    Path config;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id (medfed site pending lists them).")
    String job;

    @Override
    public Integer call() {
        new Approvals(SiteConfig.load(config).stateDir()).decide(job, Approvals.Decision.APPROVED);
        System.out.println("job " + job + " approved; the site agent starts it within a second");
        return 0;
    }
}
