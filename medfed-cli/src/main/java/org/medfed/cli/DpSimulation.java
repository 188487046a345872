package org.medfed.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;

/** Runs a simulation with the command's {@code --dp} options: temporary ledgers, closed and deleted after. */
final class DpSimulation {
    private DpSimulation() {
    }

    static Simulation run(Simulator simulator, DpOptions dp, Function<Simulator, Simulation> job) throws IOException {
        if (dp.noise() == null) {
            return job.apply(simulator);
        }
        Path dir = Files.createTempDirectory("medfed-dp-");
        List<BudgetLedger> ledgers = dp.apply(simulator, dir);
        try {
            return job.apply(simulator);
        } finally {
            ledgers.forEach(BudgetLedger::close);
            TempDirs.deleteRecursively(dir);
        }
    }
}
