package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.bayes.BayesLogisticMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run bayes-logistic}: the model of {@code simulate bayes-logistic}, on the sites connected to a hub. */
@Command(name = "bayes-logistic", mixinStandardHelpOptions = true,
        description = "Bayesian logistic regression by federated expectation propagation on a hub's sites; "
                + "the same result as simulate bayes-logistic.")
final class RunBayesLogisticCommand implements Callable<Integer> {
    @Mixin
    BayesLogisticOptions bayes = new BayesLogisticOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new BayesLogisticMethod(), bayes.parameters()), plot);
    }
}
