package org.medfed.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medfed.hub.Hub;
import org.medfed.hub.HubConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code medfed hub --config hub.yaml}: runs the hub until stopped (Ctrl-C or SIGTERM). */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = "Run the consortium's hub: sites dial in, analysts submit jobs (mutual TLS).")
final class HubCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The hub's YAML configuration.")
    Path config;

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;

    @Override
    public Integer call() throws InterruptedException {
        HubConfig c = HubConfig.load(config);
        Hub hub = Hub.start(c);
        System.err.println("medfed: hub listening on " + c.listen().host() + ":" + hub.port() + " (data in "
                + c.dataDir() + "); stop with Ctrl-C");
        Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "medfed-hub-shutdown"));
        hub.awaitTermination();
        return 0;
    }
}
