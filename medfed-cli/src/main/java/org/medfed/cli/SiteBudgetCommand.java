package org.medfed.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medfed.agent.SiteConfig;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.privacy.dp.LedgerEntry;
import org.medfed.privacy.dp.PrivacyBudget;
import org.medfed.privacy.dp.Spent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medfed site budget}: each dataset's differential-privacy budget and what has been spent
 * from it, read from the site's ledger (safe while the site runs: it only reads).
 */
@Command(name = "budget", mixinStandardHelpOptions = true,
        description = "Show each dataset's privacy budget, what was spent, and by which jobs and analysts.")
final class SiteBudgetCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The site's YAML configuration.")
    Path config;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        SiteConfig site = SiteConfig.load(config);
        List<LedgerEntry> entries = BudgetLedger.readEntries(site.privacyLedger());
        // History outlives a budget removed from the configuration: shown with a zero limit.
        Map<String, PrivacyBudget> budgets = BudgetLedger.report(entries, site.policy().dp().budgets());
        ObjectNode doc = OutputOptions.JSON.createObjectNode();
        doc.put("site", site.name());
        doc.put("ledger", site.privacyLedger().toString());
        ArrayNode list = doc.putArray("datasets");
        for (PrivacyBudget b : budgets.values()) {
            Spent s = b.spent();
            ObjectNode d = list.addObject();
            d.put("dataset", b.dataset());
            d.put("epsilon_limit", b.epsilonLimit());
            d.put("delta_limit", b.deltaLimit());
            d.put("epsilon_spent", s.epsilon());
            d.put("epsilon_left", b.epsilonLeft());
            d.put("releases", s.releases());
        }
        ArrayNode log = doc.putArray("entries");
        entries.forEach(e -> {
            ObjectNode n = log.addObject();
            n.put("time", e.time().toString());
            n.put("job", e.job());
            n.put("analyst", e.analyst());
            n.put("dataset", e.dataset());
            n.put("mechanism", e.cost().mechanism());
            n.put("epsilon", e.cost().epsilon());
            n.put("delta", e.cost().delta());
        });
        if (json) {
            System.out.println(doc.toPrettyString());
            return 0;
        }
        if (budgets.isEmpty()) {
            System.out.println("site " + site.name() + ": no dataset has a privacy budget (datasets.NAME.privacy_budget)");
            return 0;
        }
        System.out.printf(Locale.ROOT, "%-20s %10s %10s %10s %9s %8s%n", "dataset", "epsilon", "spent", "left", "delta",
                "releases");
        for (PrivacyBudget b : budgets.values()) {
            Spent s = b.spent();
            System.out.printf(Locale.ROOT, "%-20s %10.4g %10.4g %10.4g %9.3g %8d%n", b.dataset(), b.epsilonLimit(),
                    s.epsilon(), b.epsilonLeft(), b.deltaLimit(), s.releases());
        }
        System.out.printf("%d charged release%s in %s%n", entries.size(), entries.size() == 1 ? "" : "s",
                site.privacyLedger());
        return 0;
    }
}
