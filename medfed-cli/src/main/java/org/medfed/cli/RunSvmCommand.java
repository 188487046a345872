package org.medfed.cli;

import java.util.concurrent.Callable;
import org.medfed.methods.Invocation;
import org.medfed.methods.svm.SvmMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medfed run svm}: the model of {@code simulate svm}, on the sites connected to a hub. */
@Command(name = "svm", mixinStandardHelpOptions = true,
        description = "Linear support vector machine by consensus ADMM on a hub's sites; the same result as simulate svm.")
final class RunSvmCommand implements Callable<Integer> {
    @Mixin
    SvmOptions svm = new SvmOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() {
        return run.submit(Invocation.of(new SvmMethod(), svm.parameters()));
    }
}
