package org.medfed.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.medfed.analyst.AnalystClient;
import org.medfed.transport.proto.DatasetSchema;
import org.medfed.transport.proto.SiteInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed sites}: the sites a hub knows and the datasets they announce (names and column types only). */
@Command(name = "sites", mixinStandardHelpOptions = true,
        description = "List the sites connected to a hub and their datasets' columns.")
final class SitesCommand implements Callable<Integer> {
    @Mixin
    HubOptions hub = new HubOptions();

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;

    @Option(names = "--columns", description = "Also list each dataset's columns and types.")
    boolean columns;

    @Override
    public Integer call() {
        List<SiteInfo> sites;
        try (AnalystClient client = hub.connect()) {
            sites = client.sites();
        }
        if (sites.isEmpty()) {
            System.out.println("no site has connected to this hub since it started");
            return 0;
        }
        for (SiteInfo s : sites) {
            System.out.printf("%-16s %-13s datasets: %s%n", s.getName(), s.getConnected() ? "connected" : "disconnected",
                    String.join(", ", s.getDatasetsList().stream().map(DatasetSchema::getName).toList()));
            if (columns) {
                for (DatasetSchema d : s.getDatasetsList()) {
                    System.out.println("    " + d.getName() + ": " + String.join(", ", d.getColumnsList().stream()
                            .map(c -> c.getName() + " (" + c.getType() + ")").toList()));
                }
            }
        }
        return 0;
    }
}
