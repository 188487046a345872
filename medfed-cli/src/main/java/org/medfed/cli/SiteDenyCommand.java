package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.agent.Approvals;
import org.medfed.agent.SiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code medfed site deny JOB}: the site operator refuses a waiting job. */
@Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny a job waiting at this site.")
final class SiteDenyCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The site's YAML configuration.")
    Path config;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id (medfed site pending lists them).")
    String job;

    @Override
    public Integer call() {
        new Approvals(SiteConfig.load(config).stateDir()).decide(job, Approvals.Decision.DENIED);
        System.out.println("job " + job + " denied; the analyst is told the site operator refused it");
        return 0;
    }
}
