package org.medfed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.medfed.agent.Approvals;
import org.medfed.agent.SiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code medfed site pending}: jobs waiting for the site operator, with what they would compute. */
@Command(name = "pending", mixinStandardHelpOptions = true, description = "List jobs waiting for approval at this site.")
final class SitePendingCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The site's YAML configuration.")
    Path config;

    @Override
    public Integer call() {
        List<ObjectNode> pending = new Approvals(SiteConfig.load(config).stateDir()).pendingJobs();
        if (pending.isEmpty()) {
            System.out.println("no job is waiting for approval");
        }
        for (ObjectNode j : pending) {
            System.out.printf("job %s from %s: %s on %s%s%n    parameters: %s%n    received %s; approve with: medfed site approve %s --config %s%n",
                    j.path("job").asText(), j.path("analyst").asText(), j.path("method").asText(), j.path("dataset").asText(),
                    j.path("where").isNull() ? "" : " where " + j.path("where").asText(), j.path("parameters").asText(),
                    j.path("received").asText(), j.path("job").asText(), config);
        }
        return 0;
    }
}
