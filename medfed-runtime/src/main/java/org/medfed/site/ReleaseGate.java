package org.medfed.site;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.audit.AuditEvent;
import org.medfed.audit.AuditLog;
import org.medfed.audit.ReleasedQuantity;
import org.medfed.error.MedfedException;
import org.medfed.method.Aggregation;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.RiskSets;
import org.medfed.privacy.dp.BudgetLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door out of a site. A job is admitted only if the site's policy allows its method and
 * enough sites take part ({@code min_sites}); a contribution passes only if it consists of exactly
 * the quantities the request declared (each with its declared kind and length), its declared
 * {@link org.medfed.method.Disclosure} facts (rows summarized, model parameters, smallest released
 * count, factor levels) satisfy the policy, a sum is not asked of fewer than {@code min_sites}
 * sites, and its row subset passes the differencing guard ({@link SubsetStore}). Values the method
 * declares single-row (a minimum, a maximum) are withheld (sent as NaN) unless the policy allows
 * extremes and no noise applies; small cells of count vectors the method declares suppressible
 * are set to 0 and marked, or refused, as the policy's {@code small_cells} says, and so are declared
 * survival risk sets below {@code min_cell_count} (a group's follow-up cut there, {@link RiskSetCut}). Every admission,
 * release and refusal is appended to the site's audit log <em>before</em> anything is sent, and
 * logged at INFO (names, shapes and row counts, never values). Methods have no other way to send
 * anything.
 */
public final class ReleaseGate {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseGate.class);

    private final String site;
    private final ReleasePolicy policy;
    private final AuditLog audit;
    private final boolean keepRecords;
    private final SubsetStore subsets;
    private final List<ReleaseRecord> released = Collections.synchronizedList(new ArrayList<>());
    private final ReleaseNoise noise;
    /** Noise notes by job, until the job finishes (the runtime sends them with the round's release). */
    private final Map<String, List<NoiseNote>> notes = new HashMap<>();

    /**
     * @param audit       the site's audit log, or null (the simulator keeps records in memory instead)
     * @param keepRecords keep every released value in memory for {@link #released()} (the simulator
     *                    and tests do; a long-running site agent does not)
     */
    public ReleaseGate(String site, ReleasePolicy policy, AuditLog audit, boolean keepRecords) {
        this(site, policy, audit, keepRecords, SubsetStore.inMemory());
    }

    /** @param subsets where the differencing guard remembers row subsets (a deployed site: on disk) */
    public ReleaseGate(String site, ReleasePolicy policy, AuditLog audit, boolean keepRecords, SubsetStore subsets) {
        this(site, policy, audit, keepRecords, subsets, null);
    }

    /**
     * @param ledger the site's privacy budget ledger (opened with the policy's budgets), or null
     *               when the site has no budgets: then no release can be noised, and where the
     *               policy requires DP nothing numeric leaves
     */
    public ReleaseGate(String site, ReleasePolicy policy, AuditLog audit, boolean keepRecords, SubsetStore subsets,
                       BudgetLedger ledger) {
        this.site = site;
        this.policy = policy;
        this.audit = audit;
        this.keepRecords = keepRecords;
        this.subsets = subsets;
        this.noise = new ReleaseNoise(site, policy.dp(), ledger);
    }

    /** A gate with the permissive policy, no audit file, keeping records: the simulator's. */
    public ReleaseGate(String site) {
        this(site, ReleasePolicy.permissive(), null, true);
    }

    public String site() {
        return site;
    }

    public ReleasePolicy policy() {
        return policy;
    }

    /** Admits a job (its method must be allowed, enough sites must take part) or throws a refusal the analyst sees. */
    public void admit(JobTicket ticket) {
        admit(ticket, null);
    }

    /**
     * Admits a job knowing whether its sums will be securely aggregated: a job with sums in clear
     * runs only where the policy says {@code allow_plain_aggregation: true}.
     *
     * @param secureAggregation true or false as the hub offered it; null where the runtime does not
     *                          say (the simulator)
     */
    public void admit(JobTicket ticket, Boolean secureAggregation) {
        String why = policy.refuseMethod(ticket.method());
        if (why == null) {
            why = policy.refuseSites(ticket.sites());
        }
        if (why == null && Boolean.FALSE.equals(secureAggregation) && !policy.allowPlainAggregation()) {
            why = "sums without secure aggregation are not allowed (policy allow_plain_aggregation)";
        }
        if (why != null) {
            append(new AuditEvent("job-refused", ticket.job(), ticket.analyst(), ticket.method(), ticket.dataset(),
                    0, null, List.of(), 0, why));
            throw new ReleaseRefusedException(site, why, null);
        }
        append(new AuditEvent("job-accepted", ticket.job(), ticket.analyst(), ticket.method(), ticket.dataset(),
                0, null, List.of(), 0, ticket.where() == null || ticket.where().isBlank() ? null : "where: " + ticket.where()));
    }

    /** Checks, audits and records; returns the contribution to send, or throws naming the site and rule. */
    public Contribution release(JobTicket ticket, Request request, Contribution contribution) {
        String why = structuralProblem(request, contribution.values());
        if (why == null) {
            why = policy.refuseRelease(contribution.disclosure());
        }
        if (why == null) {
            why = targetedSum(request);
        }
        if (why == null) {
            why = differencing(ticket, contribution);
        }
        if (why != null) {
            throw refuse(ticket, request, why);
        }
        Shaped shaped = shape(ticket, request, contribution);
        if (shaped.refusal() != null) {
            throw refuse(ticket, request, shaped.refusal());
        }
        contribution = shaped.contribution();
        ReleaseNoise.Outcome noised;
        try {
            noised = noise.apply(ticket, request, contribution);
        } catch (ReleaseNoise.Refused e) {
            throw refuse(ticket, request, e.getMessage());
        }
        if (noised.note() != null) {
            NoiseNote note = noised.note();
            append(new AuditEvent("dp-charge", ticket.job(), ticket.analyst(), ticket.method(), ticket.dataset(),
                    request.round(), request.step(), List.of(), contribution.rows(), note.describe()));
            synchronized (notes) {
                notes.computeIfAbsent(ticket.job(), j -> new ArrayList<>()).add(note);
            }
            contribution = new Contribution(noised.values(), contribution.disclosure());
        }
        Payload values = contribution.values();
        List<ReleasedQuantity> digests = new ArrayList<>();
        for (Quantity q : request.releases()) {
            String kind = q.aggregation().name();
            if (q.aggregation() == Aggregation.UNION) {
                digests.add(ReleasedQuantity.ofLabels(q.name(), kind, values.label(q.name())));
            } else {
                digests.add(ReleasedQuantity.ofNumbers(q.name(), q.shape(), kind, values.number(q.name())));
            }
        }
        append(new AuditEvent("release", ticket.job(), ticket.analyst(), ticket.method(), ticket.dataset(),
                request.round(), request.step(), digests, contribution.rows(), shaped.note()));
        if (LOG.isInfoEnabled()) {
            LOG.info("site {} releases job {} round {} ({}): {} over {} rows", site, ticket.job(), request.round(),
                    request.step(), request.releases(), contribution.rows());
        }
        if (keepRecords) {
            for (Quantity q : request.releases()) {
                if (q.aggregation() == Aggregation.UNION) {
                    released.add(new ReleaseRecord(ticket.job(), request.round(), request.step(), q.name(),
                            q.aggregation(), null, values.label(q.name())));
                } else {
                    released.add(new ReleaseRecord(ticket.job(), request.round(), request.step(), q.name(),
                            q.aggregation(), values.number(q.name()).clone(), null));
                }
            }
        }
        return contribution;
    }

    /** A contribution after withholding and suppression, what was done (or null), or why it is refused. */
    private record Shaped(Contribution contribution, String note, String refusal) {
    }

    /**
     * Withholds single-row values the policy does not allow (or that noise could not protect: one
     * row's value has no bounded sensitivity) and suppresses or refuses small cells of declared
     * suppressible count vectors. The method sends the suppression flags as zeros; only the gate
     * sets them, so the hub's sum of a flag counts the sites that suppressed that cell. Which cells
     * go (the small ones and their complements) is {@link CellSuppression}'s rule, over the shape
     * the request declared for the counts (a two-way table protects its row and column totals).
     */
    private Shaped shape(JobTicket ticket, Request request, Contribution contribution) {
        Disclosure d = contribution.disclosure();
        if (d.singleRowValues().isEmpty() && d.cells().isEmpty() && d.riskSets().isEmpty()) {
            return new Shaped(contribution, null, null);
        }
        boolean noised = policy.dp().effective(ticket.noise()) != null;
        Payload values = contribution.values();
        Payload.Builder out = Payload.builder();
        Map<String, List<String>> labels = new LinkedHashMap<>(values.labels());
        Map<String, double[]> numbers = new LinkedHashMap<>();
        values.numbers().forEach((name, v) -> numbers.put(name, v.clone()));
        List<String> notes = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        for (String q : d.singleRowValues()) {
            double[] v = numbers.get(q);
            if (v == null) {
                return new Shaped(null, null, "declared single-row quantity '" + q + "' is missing");
            }
            if (!policy.allowExtremes() || noised) {
                Arrays.fill(v, Double.NaN);
                withheld.add(q);
            }
        }
        if (!withheld.isEmpty()) {
            notes.add("withheld " + String.join(", ", withheld) + " (single-row values; "
                    + (policy.allowExtremes() ? "no noise can protect them" : "policy allow_extremes: false") + ")");
        }
        for (Map.Entry<String, String> cell : d.cells().entrySet()) {
            double[] counts = numbers.get(cell.getKey());
            double[] flags = numbers.get(cell.getValue());
            if (counts == null || flags == null || counts.length != flags.length) {
                return new Shaped(null, null, "suppressible counts '" + cell.getKey() + "' need a declared flag quantity '"
                        + cell.getValue() + "' of the same length");
            }
            for (int i = 0; i < counts.length; i++) {
                if (flags[i] != 0) {
                    return new Shaped(null, null, "quantity '" + cell.getValue() + "' must be sent as zeros (only the gate marks cells)");
                }
                double c = counts[i];
                if (c > 0 && c < policy.minCellCount() && policy.smallCells() == ReleasePolicy.SmallCells.REFUSE) {
                    return new Shaped(null, null, "a released count of " + (long) c + " < " + policy.minCellCount()
                            + " in " + cell.getKey() + " (policy min_cell_count, small_cells: refuse)");
                }
            }
            // A declared two-way shape (rows x cols) has row and column totals to protect against;
            // a vector has only its total (n).
            int[] shape = request.release(cell.getKey()).shape();
            int rows = shape.length == 2 ? shape[0] : 1;
            int cols = shape.length == 2 ? shape[1] : counts.length;
            boolean[] hidden = CellSuppression.cells(counts, rows, cols, policy.minCellCount());
            int suppressed = 0;
            for (int i = 0; i < counts.length; i++) {
                if (hidden[i]) {
                    counts[i] = 0;
                    flags[i] = 1;
                    suppressed++;
                }
            }
            if (suppressed > 0) {
                notes.add("suppressed " + suppressed + (suppressed == 1 ? " cell" : " cells") + " of " + cell.getKey()
                        + " below " + policy.minCellCount() + " or protecting one (policy min_cell_count, small_cells: suppress)");
            }
        }
        String riskSetProblem = cutRiskSets(d.riskSets(), request, labels, numbers, notes);
        if (riskSetProblem != null) {
            return new Shaped(null, null, riskSetProblem);
        }
        labels.forEach(out::put);
        numbers.forEach(out::put);
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        if (note != null) {
            LOG.info("site {} job {} round {} ({}): {}", site, ticket.job(), request.round(), request.step(), note);
        }
        return new Shaped(new Contribution(out.build(), d), note, null);
    }

    /**
     * Holds declared survival releases to the policy's minimum risk set ({@link RiskSetCut}): time
     * labels at a small risk set are dropped and each group's counts are cut where its risk set
     * falls below the minimum (small_cells: suppress), or the release is refused (small_cells:
     * refuse). Returns why it is refused, or null; adds what was done to {@code notes}.
     */
    private String cutRiskSets(RiskSets declared, Request request, Map<String, List<String>> labels,
                               Map<String, double[]> numbers, List<String> notes) {
        int min = policy.minCellCount();
        boolean refuse = policy.smallCells() == ReleasePolicy.SmallCells.REFUSE;
        for (Map.Entry<String, double[]> e : declared.labels().entrySet()) {
            List<String> sent = labels.get(e.getKey());
            double[] atRisk = e.getValue();
            if (sent == null || sent.size() != atRisk.length) {
                return "time labels '" + e.getKey() + "' need one declared risk set per label";
            }
            boolean[] keep = RiskSetCut.releasableLabels(atRisk, min);
            List<String> kept = new ArrayList<>();
            double smallest = 0;
            for (int i = 0; i < keep.length; i++) {
                if (keep[i]) {
                    kept.add(sent.get(i));
                } else if (smallest == 0 || atRisk[i] < smallest) {
                    smallest = atRisk[i];
                }
            }
            if (kept.size() < sent.size()) {
                if (refuse) {
                    return "a risk set of " + (long) smallest + " < " + min + " at a released time in " + e.getKey()
                            + " (policy min_cell_count, small_cells: refuse)";
                }
                labels.put(e.getKey(), kept);
                int dropped = sent.size() - kept.size();
                notes.add("withheld " + dropped + (dropped == 1 ? " time" : " times") + " of " + e.getKey()
                        + " where the site's risk set is below " + min + " (policy min_cell_count, small_cells: suppress)");
            }
        }
        for (Map.Entry<String, RiskSets.Counts> e : declared.counts().entrySet()) {
            double[] events = numbers.get(e.getKey());
            double[] censored = numbers.get(e.getValue().censored());
            double[] marks = numbers.get(e.getValue().censoredAt());
            Quantity declaredEvents = request.release(e.getKey());
            if (events == null || censored == null || marks == null || declaredEvents == null
                    || declaredEvents.shape().length != 2 || censored.length != events.length
                    || marks.length != events.length) {
                return "risk-set counts '" + e.getKey() + "' need declared censoring counts and marks of the same "
                        + "groups x times shape";
            }
            for (double m : marks) {
                if (m != 0) {
                    return "quantity '" + e.getValue().censoredAt() + "' must be sent as zeros (only the gate marks cuts)";
                }
            }
            int groups = declaredEvents.shape()[0];
            double smallest = RiskSetCut.smallestBelow(events, censored, groups, min);
            if (smallest > 0 && refuse) {
                return "a risk set of " + (long) smallest + " < " + min + " in " + e.getKey()
                        + " (policy min_cell_count, small_cells: refuse)";
            }
            List<RiskSetCut.Cut> cuts = smallest > 0 ? RiskSetCut.apply(events, censored, marks, groups, min) : List.of();
            // Rows the method already counted as censored at an earlier grid time (their own time
            // was withheld in the labels round) were cut there: marked like the gate's own cuts.
            double[] offGrid = e.getValue().offGrid();
            int earlier = 0;
            if (offGrid != null && offGrid.length == marks.length) {
                for (int i = 0; i < marks.length; i++) {
                    if (offGrid[i] > 0 && censored[i] > 0 && marks[i] == 0) {
                        marks[i] = 1;
                        earlier++;
                    }
                }
            }
            long withheld = cuts.stream().filter(c -> c.censoredAt() < 0).count();
            long censoredGroups = cuts.size() - withheld + earlier;
            if (censoredGroups > 0 || withheld > 0) {
                notes.add("censored " + censoredGroups + " group" + (censoredGroups == 1 ? "" : "s")
                        + "' follow-up where the site's risk set falls below " + min
                        + (withheld > 0 ? " and withheld " + withheld + " group" + (withheld == 1 ? "" : "s")
                        + " with fewer rows" : "") + " in " + e.getKey() + " (policy min_cell_count, small_cells: suppress)");
            }
        }
        return null;
    }

    /** The noise notes of a job's releases so far, in release order (empty when nothing was noised). */
    public List<NoiseNote> noiseNotes(String job) {
        synchronized (notes) {
            return List.copyOf(notes.getOrDefault(job, List.of()));
        }
    }

    /** Forgets what the gate keeps in memory for a finished job (its noise notes and running DP total). */
    public void finish(String job) {
        synchronized (notes) {
            notes.remove(job);
        }
        noise.finish(job);
    }

    /**
     * Records that the site's half could not compute (bad data, say) and nothing was released;
     * the message the analyst sees is the method's own.
     */
    public void failed(JobTicket ticket, Request request, String message) {
        append(new AuditEvent("failed", ticket.job(), ticket.analyst(), ticket.method(), ticket.dataset(),
                request.round(), request.step(), List.of(), 0, message));
    }

    /**
     * A round that sums over fewer than {@code min_sites} sites hands the hub one site's value (or
     * lets it subtract one from the other): refused like a job with too few sites.
     */
    private String targetedSum(Request request) {
        if (request.sites() == null || request.sites().size() >= policy.minSites()) {
            return null;
        }
        for (Quantity q : request.releases()) {
            if (q.aggregation() == Aggregation.SUM) {
                return "round " + request.round() + " sums over " + request.sites().size() + " site"
                        + (request.sites().size() == 1 ? "" : "s") + " < " + policy.minSites() + " (policy min_sites)";
            }
        }
        return null;
    }

    /**
     * The differencing guard: checks the contribution's row subset against this analyst's earlier
     * subsets on this dataset and records it (before the audit record, so that a refusal never
     * follows a release that was not remembered). A store that cannot be read refuses.
     */
    private String differencing(JobTicket ticket, Contribution contribution) {
        if (!policy.differencingGuard() || !contribution.disclosure().declaresRowsUsed()) {
            return null;
        }
        try {
            return subsets.admit(ticket.analyst(), ticket.dataset(), ticket.job(), contribution.disclosure().rowsUsed(),
                    policy.minRows());
        } catch (MedfedException e) {
            return "differencing guard unavailable: " + e.getMessage();
        }
    }

    /** Audits and logs a refusal; returns the exception for the caller to throw. */
    private ReleaseRefusedException refuse(JobTicket ticket, Request request, String why) {
        append(new AuditEvent("refusal", ticket.job(), ticket.analyst(), ticket.method(), ticket.dataset(),
                request.round(), request.step(), List.of(), 0, why));
        LOG.warn("site {} refuses job {} round {} ({}): {}", site, ticket.job(), request.round(), request.step(), why);
        return new ReleaseRefusedException(site, why, "round " + request.round() + ", " + request.step());
    }

    private void append(AuditEvent event) {
        if (audit != null) {
            audit.append(event);
        }
    }

    /** Why the values are not exactly the declared quantities, or null. */
    private static String structuralProblem(Request request, Payload values) {
        for (String name : values.numbers().keySet()) {
            String why = undeclared(request, name, true);
            if (why != null) {
                return why;
            }
        }
        for (String name : values.labels().keySet()) {
            String why = undeclared(request, name, false);
            if (why != null) {
                return why;
            }
        }
        for (Quantity q : request.releases()) {
            if (q.aggregation() == Aggregation.UNION) {
                if (!values.hasLabel(q.name())) {
                    return "declared quantity '" + q.name() + "' is missing";
                }
            } else {
                double[] v = values.numbers().get(q.name());
                if (v == null) {
                    return "declared quantity '" + q.name() + "' is missing";
                }
                if (v.length != q.length()) {
                    return "quantity '" + q.name() + "' has " + v.length + " values, declared " + q.length();
                }
            }
        }
        return null;
    }

    private static String undeclared(Request request, String name, boolean numeric) {
        Quantity q = request.release(name);
        if (q == null) {
            return "undeclared quantity '" + name + "'";
        }
        if (numeric == (q.aggregation() == Aggregation.UNION)) {
            return "quantity '" + name + "' is declared " + q.aggregation() + " but sent as "
                    + (numeric ? "numbers" : "labels");
        }
        return null;
    }

    /** Everything released so far, in order (empty unless the gate keeps records). */
    public List<ReleaseRecord> released() {
        synchronized (released) {
            return List.copyOf(released);
        }
    }

    /** Names of quantities released so far, first-release order, for the result's privacy block. */
    public List<String> releasedNames() {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (ReleaseRecord r : released()) {
            names.put(r.name(), true);
        }
        return new ArrayList<>(names.keySet());
    }
}
