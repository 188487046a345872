package org.medfed.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.privacy.dp.BudgetLimit;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.simulator.Simulator;
import org.medfed.site.DpPolicy;
import org.medfed.site.ReleasePolicy;
import picocli.CommandLine.Option;

/** {@code --dp}: differential-privacy noise on every numeric release, asked of every site. */
final class DpOptions {
    @Option(names = "--dp", paramLabel = "MECHANISM:EPS[:DELTA]",
            description = "Ask every site to add differential-privacy noise to each release: laplace:EPS "
                    + "(pure epsilon-DP) or gaussian:EPS:DELTA, per release. Sites charge their dataset's "
                    + "privacy budget and refuse once it is spent; a site's policy may require more noise.")
    String dp;

    /** The noise asked for, or null; a usage error naming the option if it does not parse. */
    NoiseRequest noise() {
        if (dp == null || dp.isBlank()) {
            return null;
        }
        try {
            return NoiseRequest.parse(dp);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dp: " + e.getMessage());
        }
    }

    /**
     * For a simulation with {@code --dp}: gives every simulated site a budget of {@code budget}
     * (δ 1e-5) and a ledger in {@code dir} (the caller deletes it), and asks for the noise.
     * Returns the ledgers to close, empty without {@code --dp}.
     */
    List<BudgetLedger> apply(Simulator simulator, Path dir, double budget) {
        NoiseRequest noise = noise();
        if (noise == null) {
            return List.of();
        }
        BudgetLimit limit;
        try {
            limit = new BudgetLimit(budget, 1e-5);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dp-budget: " + e.getMessage());
        }
        Map<String, ReleasePolicy> policies = new LinkedHashMap<>();
        Map<String, BudgetLedger> ledgers = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String site : simulator.siteNames()) {
            DpPolicy dp = DpPolicy.none().withBudget(Simulator.DATASET, limit);
            policies.put(site, ReleasePolicy.permissive().withDp(dp));
            ledgers.put(site, BudgetLedger.open(dir.resolve(site + "-ledger.json"), dp.budgets()));
        }
        simulator.withPolicies(policies).withLedgers(ledgers).withNoise(noise);
        return List.copyOf(ledgers.values());
    }
}
