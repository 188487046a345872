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
                if (q.aggregation() != Aggregation.UNION) {
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
        double l1 = 0;
        double l2Squared = 0;
        int dimension = 0;
        for (Quantity q : targets) {
            Sensitivity s = bounds.get(q.name());
            if (s == null) {
                throw new Refused("quantity '" + q.name() + "' has no per-row sensitivity bound, so it cannot be "
                        + "released with differential privacy, which " + (source.equals(NoiseNote.REQUIRED)
                        ? "this site's policy requires (differential_privacy.required)"
                        : "the analyst asked for (" + noise + ")"));
            }
            l1 += s.l1();
            l2Squared += s.l2() * s.l2();
            dimension += q.length();
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
            System.arraycopy(v, 0, flat, at, v.length);
            at += v.length;
        }
        double[] noised = mechanism.apply(flat, random);
        Map<String, double[]> numbers = new LinkedHashMap<>(contribution.values().numbers());
        List<String> names = new ArrayList<>();
        at = 0;
        for (Quantity q : targets) {
            double[] v = new double[q.length()];
            System.arraycopy(noised, at, v, 0, v.length);
            at += v.length;
            numbers.put(q.name(), v);
            names.add(q.name());
        }
        BudgetLimit limit = policy.budgets().get(dataset);
        NoiseNote note = new NoiseNote(site, dataset, request.round(), request.step(), names, source,
                mechanism.report(), jobSpent, after, limit == null ? 0 : limit.epsilon());
        return new Outcome(new Payload(numbers, contribution.values().labels()), note);
    }

    /** Forgets a finished job's running total. */
    void finish(String job) {
        synchronized (jobs) {
            jobs.remove(job);
        }
    }
}
