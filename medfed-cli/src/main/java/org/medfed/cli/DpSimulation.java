package org.medfed.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.medfed.error.MedfedException;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;

/** Runs a simulation with the command's {@code --dp} options: temporary ledgers, closed and deleted after. */
final class DpSimulation {
    private DpSimulation() {
    }

    static Simulation run(Simulator simulator, DpOptions dp, double budget, Function<Simulator, Simulation> job) {
        if (dp.noise() == null) {
            return job.apply(simulator);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("medfed-dp-");
        } catch (IOException e) {
            throw new MedfedException("cannot create a temporary folder for the simulated sites' privacy ledgers: "
                    + e.getMessage(), e);
        }
        List<BudgetLedger> ledgers = dp.apply(simulator, dir, budget);
        try {
            return job.apply(simulator);
        } finally {
            ledgers.forEach(BudgetLedger::close);
            try {
                TempDirs.deleteRecursively(dir);
            } catch (IOException e) {
                System.err.println("medfed: could not remove " + dir + ": " + e.getMessage());
            }
        }
    }
}
