package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.svm.SvmMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed simulate svm}: a linear SVM by consensus ADMM over site files, every site in-process. */
@Command(name = "svm", mixinStandardHelpOptions = true,
        description = "Linear support vector machine (liblinear's L2-regularized hinge loss, bias feature regularized) "
                + "by consensus ADMM; sites release only sums over sites, never support vectors or their counts.")
final class SimulateSvmCommand implements Callable<Integer> {
    @Mixin
    SvmOptions svm = new SvmOptions();

    @Mixin
    SimulateOptions simulate = new SimulateOptions();

    @Override
    public Integer call() {
        return simulate.run(new SvmMethod(), svm.parameters());
    }
}
