package org.medfed.site;

import java.util.Map;
import java.util.TreeMap;
import org.medfed.privacy.dp.BudgetLimit;
import org.medfed.privacy.dp.NoiseRequest;

/**
 * A site's differential-privacy rules (site.yaml's {@code differential_privacy} block and each
 * dataset's {@code privacy_budget}).
 *
 * <p>Which noise a release gets. Where the policy {@code required}s DP, every numeric release is
 * noised with the site's own {@code noise}, or with the analyst's request if that is at least as
 * private (same mechanism, ε and δ no larger): an analyst can ask for more noise, never less.
 * Where it does not, a release is noised only if the analyst asked for it. Independently,
 * {@code parameterNoise} (Laplace only) noises every quantity a method marks as locally fitted
 * model parameters, even in a job that asked for no DP (the seed's output perturbation of local
 * models before they are averaged).
 *
 * <p>Every noised release is charged to its dataset's budget; a dataset without a budget cannot
 * release anything with DP, so where DP is required it cannot release numbers at all.
 *
 * @param required       whether every numeric release must carry DP noise
 * @param noise          the site's per-release noise (needed when {@code required})
 * @param parameterNoise Laplace noise for released model parameters, or null
 * @param budgets        each dataset's lifetime (ε, δ) budget
 */
public record DpPolicy(boolean required, NoiseRequest noise, NoiseRequest parameterNoise,
                       Map<String, BudgetLimit> budgets) {

    public DpPolicy {
        if (required && noise == null) {
            throw new IllegalArgumentException("differential_privacy.required needs differential_privacy.noise "
                    + "(e.g. laplace:0.5)");
        }
        if (parameterNoise != null && parameterNoise.mechanism() != NoiseRequest.Kind.LAPLACE) {
            throw new IllegalArgumentException("differential_privacy.parameter_noise must be laplace:EPSILON");
        }
        budgets = budgets == null ? Map.of() : Map.copyOf(new TreeMap<>(budgets));
    }

    /** No DP rules: releases are noised only where the analyst asks, and no dataset has a budget. */
    public static DpPolicy none() {
        return new DpPolicy(false, null, null, Map.of());
    }

    /** Whether any release can be noised here at all (some dataset has a budget). */
    public boolean hasBudgets() {
        return !budgets.isEmpty();
    }

    /** The noise the site applies to a job's numeric releases, given what the analyst asked for (null: none). */
    public NoiseRequest effective(NoiseRequest asked) {
        if (!required) {
            return asked;
        }
        return asked != null && asked.atLeastAsPrivateAs(noise) ? asked : noise;
    }

    public DpPolicy withBudget(String dataset, BudgetLimit limit) {
        Map<String, BudgetLimit> m = new TreeMap<>(budgets);
        m.put(dataset, limit);
        return new DpPolicy(required, noise, parameterNoise, m);
    }
}
