package org.medfed.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code medfed simulate METHOD}: every site in this process, each reading its own file. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run a federated method with every site in this process (each site reads only its own file).",
        subcommands = {SimulateGlmCommand.class, SimulateSummaryCommand.class, SimulateTableCommand.class,
                SimulateCorrelationCommand.class, SimulateTTestCommand.class, SimulateEvaluateCommand.class,
                SimulateKmCommand.class, SimulateLogrankCommand.class, SimulateCoxCommand.class, SimulatePcaCommand.class,
                SimulateBayesLogisticCommand.class, SimulateMultinomCommand.class,
                SimulateLassoCommand.class, SimulateElasticnetCommand.class, SimulateAdmmLogisticCommand.class,
                SimulateSvmCommand.class})
final class SimulateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a method, e.g. 'medfed simulate glm --help'");
    }
}
