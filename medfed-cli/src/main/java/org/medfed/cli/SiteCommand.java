package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.agent.SiteAgent;
import org.medfed.agent.SiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medfed site --config site.yaml}: runs a site agent until stopped; its subcommands let
 * the site operator approve or deny jobs under manual approval, see the privacy budget, and write
 * a PCA's scores of the site's own rows to a local file ({@code pca-scores}).
 */
@Command(name = "site", mixinStandardHelpOptions = true,
        description = "Run a site agent: dial out to the hub and answer jobs through the release gate.",
        subcommands = {SiteApproveCommand.class, SiteDenyCommand.class, SitePendingCommand.class,
                SiteBudgetCommand.class, SitePcaScoresCommand.class})
final class SiteCommand implements Callable<Integer> {
    // Not 'required' in picocli's sense: that would also demand it before 'approve', 'deny' and 'pending'.
    @Option(names = "--config", paramLabel = "FILE", description = "The site's YAML configuration (required).")
    Path config;

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;

    @Override
    public Integer call() throws InterruptedException {
        if (config == null) {
            throw new org.medfed.error.UsageException("missing --config FILE (the site's YAML configuration)");
        }
        SiteConfig c = SiteConfig.load(config);
        SiteAgent agent = SiteAgent.start(c, message -> System.err.println("medfed: " + message));
        System.err.println("medfed: site " + c.name() + " dialing the hub at " + c.hub() + " (policy: min_rows "
                + c.policy().minRows() + ", max_parameters_ratio " + c.policy().maxParametersRatio() + ", approval "
                + c.policy().approval().label() + "; audit log " + c.auditLog() + "); stop with Ctrl-C");
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "medfed-site-shutdown"));
        agent.awaitClosed();
        return 0;
    }
}
