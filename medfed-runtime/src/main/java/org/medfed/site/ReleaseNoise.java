package org.medfed.site;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.method.Aggregation;
import org.medfed.method.Contribution;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.Sensitivity;
import org.medfed.privacy.dp.BudgetExhaustedException;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.privacy.dp.BudgetLimit;
import org.medfed.privacy.dp.Mechanism;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.privacy.dp.PrivacyBudget;
import org.medfed.privacy.dp.Spent;

/**
 * The release gate's differential-privacy step: decides whether a contribution is noised (see
 * {@link DpPolicy}), calibrates one mechanism for all of the round's noised quantities together
 * from the sensitivities the method's site half declared (one row changes all of them at once, so
 * their L1 bounds add and their L2 bounds add in squares), charges the dataset's budget in the
 * site's ledger, and only then adds the noise. A quantity without a declared bound cannot be
 * noised and is refused rather than released in clear.
 */
final class ReleaseNoise {
    /** The dataset name the ledger uses where a runtime names none (the simulator). */
    static final String UNNAMED_DATASET = "data";

    private final String site;
    private final DpPolicy policy;
    private final BudgetLedger ledger;
    private final SecureRandom random = new SecureRandom();
    /** Each job's spending at this site, composed as the dataset budget composes it. */
    private final Map<String, PrivacyBudget> jobs = new HashMap<>();

    ReleaseNoise(String site, DpPolicy policy, BudgetLedger ledger) {
        this.site = site;
        this.policy = policy;
        this.ledger = ledger;
    }

    /** The values to send and the note on their noise (null when nothing was noised). */
    record Outcome(Payload values, NoiseNote note) {
    }

    /** Thrown with the refusal's reason; the gate audits it and refuses. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    Outcome apply(JobTicket ticket, Request request, Contribution contribution) throws Refused {
        NoiseRequest asked = ticket.noise();
        NoiseRequest noise = policy.effective(asked);
        String source;
        List<Quantity> targets = new ArrayList<>();
        Map<String, Sensitivity> bounds = contribution.disclosure().sensitivities();
        if (noise != null) {
            source = policy.required() && noise != asked ? NoiseNote.REQUIRED : NoiseNote.ASKED;
            for (Quantity q : request.releases()) {
                // Single-row values were withheld by the gate (NaN) wherever noise applies; the flags
                // of suppressed cells are the gate's own marks, which noise would only blur (the
                // suppression they mark happens before noise, as the refusal it replaces did).
                if (q.aggregation() != Aggregation.UNION && !contribution.disclosure().singleRowValues().contains(q.name())
                        && !contribution.disclosure().cells().containsValue(q.name())) {
                    targets.add(q);
                }
            }
        } else if (policy.parameterNoise() != null) {
            noise = policy.parameterNoise();
            source = NoiseNote.PARAMETERS;
            for (Quantity q : request.releases()) {
                Sensitivity s = bounds.get(q.name());
                if (q.aggregation() != Aggregation.UNION && s != null && s.modelParameters()) {
                    targets.add(q);
                }
            }
        } else {
            return new Outcome(contribution.values(), null);
        }
        // Each element is noised in units of its own bound w (1 where the method states none):
        // z = x / w has, per row, the normalized L1 and L2 bounds computed below, one mechanism is
        // calibrated for z, and x' = z' · w is post-processing. Elements no row can move (w = 0)
        // need no noise and are left as they are.
        double l1 = 0;
        double l2Squared = 0;
        int dimension = 0;
        Map<String, double[]> weights = new LinkedHashMap<>();
        for (Quantity q : targets) {
            Sensitivity s = bounds.get(q.name());
            if (s == null) {
                throw new Refused("quantity '" + q.name() + "' has no per-row sensitivity bound, so it cannot be "
                        + "released with differential privacy, which " + (source.equals(NoiseNote.REQUIRED)
                        ? "this site's policy requires (differential_privacy.required)"
                        : "the analyst asked for (" + noise + ")"));
            }
            double[] w = s.hasElementBounds() ? s.elementBounds() : ones(q.length());
            if (w.length != q.length()) {
                throw new Refused("quantity '" + q.name() + "' declares " + w.length + " element bounds for "
                        + q.length() + " values");
            }
            if (s.hasElementBounds()) {
                l1 += normalizedL1(w, s.l1());
                l2Squared += normalizedL2Squared(w, s.l2());
            } else {
                l1 += s.l1();
                l2Squared += s.l2() * s.l2();
            }
            for (double x : w) {
                dimension += x > 0 ? 1 : 0;
            }
            weights.put(q.name(), w);
        }
        if (dimension == 0 || l1 == 0) {
            // Nothing numeric, or nothing a row can change: no noise is needed and nothing is spent.
            return new Outcome(contribution.values(), null);
        }
        String dataset = ticket.dataset() == null ? UNNAMED_DATASET : ticket.dataset();
        if (ledger == null) {
            throw new Refused("dataset " + dataset + " has no privacy budget at this site, so no differentially "
                    + "private release is possible (privacy_budget)");
        }
        Mechanism mechanism = noise.calibrate(l1, Math.sqrt(l2Squared), dimension);
        Spent after;
        try {
            after = ledger.charge(ticket.job(), ticket.analyst(), dataset, mechanism);
        } catch (BudgetExhaustedException e) {
            throw new Refused(e.getMessage());
        }
        Spent jobSpent;
        synchronized (jobs) {
            BudgetLimit limit = policy.budgets().get(dataset);
            jobSpent = jobs.computeIfAbsent(ticket.job(), j -> new PrivacyBudget(dataset, Double.MAX_VALUE,
                    limit == null ? 0 : limit.delta())).charge(mechanism);
        }
        double[] flat = new double[dimension];
        int at = 0;
        for (Quantity q : targets) {
            double[] v = contribution.values().number(q.name());
            double[] w = weights.get(q.name());
            for (int i = 0; i < v.length; i++) {
                if (w[i] > 0) {
                    flat[at++] = v[i] / w[i];
                }
            }
        }
        double[] noised = mechanism.apply(flat, random);
        double scale = mechanism.report().scale();
        Map<String, double[]> numbers = new LinkedHashMap<>(contribution.values().numbers());
        Map<String, double[]> elementScales = new LinkedHashMap<>();
        at = 0;
        for (Quantity q : targets) {
            double[] v = contribution.values().number(q.name()).clone();
            double[] w = weights.get(q.name());
            double[] scales = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                if (w[i] > 0) {
                    v[i] = noised[at++] * w[i];
                    scales[i] = scale * w[i];
                }
            }
            numbers.put(q.name(), v);
            elementScales.put(q.name(), scales);
        }
        BudgetLimit limit = policy.budgets().get(dataset);
        NoiseNote note = new NoiseNote(site, dataset, request.round(), request.step(),
                new ArrayList<>(elementScales.keySet()), source, mechanism.report(), elementScales, jobSpent, after,
                limit == null ? 0 : limit.epsilon());
        return new Outcome(new Payload(numbers, contribution.values().labels()), note);
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    /**
     * The largest Σ|δ_i|/w_i over changes with |δ_i| ≤ w_i and Σ|δ_i| ≤ l1: spend the L1 budget on
     * the elements with the smallest bounds first (each whole element is worth 1).
     */
    static double normalizedL1(double[] w, double l1) {
        double[] sorted = positiveSorted(w);
        double budget = l1;
        double total = 0;
        for (double x : sorted) {
            double take = Math.min(x, budget);
            total += take / x;
            budget -= take;
            if (budget <= 0) {
                break;
            }
        }
        return total;
    }

    /** The largest Σ(δ_i/w_i)² over changes with |δ_i| ≤ w_i and Σδ_i² ≤ l2²: the same greedy rule. */
    static double normalizedL2Squared(double[] w, double l2) {
        double[] sorted = positiveSorted(w);
        double budget = l2 * l2;
        double total = 0;
        for (double x : sorted) {
            double take = Math.min(x * x, budget);
            total += take / (x * x);
            budget -= take;
            if (budget <= 0) {
                break;
            }
        }
        return total;
    }

    private static double[] positiveSorted(double[] w) {
        return java.util.Arrays.stream(w).filter(x -> x > 0).sorted().toArray();
    }

    /** Forgets a finished job's running total. */
    void finish(String job) {
        synchronized (jobs) {
            jobs.remove(job);
        }
    }
}
