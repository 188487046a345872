package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.bayes.BayesLogisticMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate bayes-logistic}: Bayesian logistic regression by EP over site files, every site in-process. */
@Command(name = "bayes-logistic", mixinStandardHelpOptions = true,
        description = "Bayesian logistic regression with a N(0, S^2) prior by federated expectation propagation; "
                + "sites release only the natural parameters of their Gaussian likelihood factor.")
final class SimulateBayesLogisticCommand implements Callable<Integer> {
    @Mixin
    BayesLogisticOptions bayes = new BayesLogisticOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Mixin
    PlotOptions plot = new PlotOptions();

    @Override
    public Integer call() {
        return simulate.run(new BayesLogisticMethod(), bayes.parameters(), plot);
    }
}
