package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.agent.Approvals;
import org.medfed.agent.SiteConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code medfed site approve} and {@code medfed site deny} share: the site's config and a waiting job. */
abstract class SiteDecisionCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The site's YAML configuration.")
    Path config;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id (medfed site pending lists them).")
    String job;

    abstract Approvals.Decision decision();

    abstract String confirmation();

    @Override
    public Integer call() {
        new Approvals(SiteConfig.load(config).stateDir()).decide(job, decision());
        System.out.println("job " + job + " " + confirmation());
        return 0;
    }
}
