package org.medfed.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.transport.proto.JobRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code medfed run glm}: the GLM of {@code simulate glm}, on the sites connected to a hub. */
@Command(name = "glm", mixinStandardHelpOptions = true,
        description = "Generalized linear model by federated Newton-Raphson (IRLS) on a hub's sites; "
                + "the same result as simulate glm.")
final class RunGlmCommand implements Callable<Integer> {
    @Mixin
    HubOptions hub = new HubOptions();

    @Mixin
    GlmOptions glm = new GlmOptions();

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "The dataset name the sites announce.")
    String dataset;

    @Option(names = "--sites", split = ",", paramLabel = "NAME", description = "Sites to include, in this order "
            + "(default: every connected site with the dataset, by name).")
    List<String> sites = List.of();

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Row filter applied at each site, R subset() syntax, e.g. \"age >= 18 & smoke == 1\".")
    String where;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    DpOptions dp = new DpOptions();

    @Override
    public Integer call() {
        Invocation<?> invocation = Invocation.of(new GlmMethod(), glm.parameters());
        try (AnalystClient client = hub.connect()) {
            Progress progress = Progress.onStderr();
            JobRecord record = client.submit(invocation, dataset, where, sites, dp.noise(), progress::accept);
            return JobOutput.print(record, output);
        }
    }
}
