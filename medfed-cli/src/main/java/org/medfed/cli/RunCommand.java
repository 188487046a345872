package org.medfed.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code medfed run METHOD}: submits a job to a hub (the deployed runtime). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a method on a hub's sites (deployed runtime, mutual TLS).",
        subcommands = {RunGlmCommand.class, RunSummaryCommand.class, RunTableCommand.class,
                RunCorrelationCommand.class, RunTTestCommand.class, RunEvaluateCommand.class,
                RunKmCommand.class, RunLogrankCommand.class, RunCoxCommand.class, RunPcaCommand.class,
                RunBayesLogisticCommand.class, RunMultinomCommand.class,
                RunLassoCommand.class, RunElasticnetCommand.class, RunAdmmLogisticCommand.class, RunSvmCommand.class})
final class RunCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
