package org.medfed.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.medfed.aggregate.Aggregator;
import org.medfed.aggregate.SecureAggregation;
import org.medfed.data.Table;
import org.medfed.data.TableReader;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.filter.RowFilter;
import org.medfed.method.Aggregate;
import org.medfed.method.Contribution;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteHalf;
import org.medfed.method.Step;
import org.medfed.privacy.dp.BudgetLedger;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.site.JobTicket;
import org.medfed.site.NoiseNote;
import org.medfed.site.ReleaseGate;
import org.medfed.site.ReleasePolicy;
import org.medfed.site.ReleaseRecord;
import org.medfed.site.SiteWorker;
import org.medfed.site.SubsetStore;

/**
 * Runs a method with all sites in this JVM. Site order is the order given, and sums follow it.
 */
public final class Simulator {
    /** The dataset name the simulator's sites account privacy budgets under. */
    public static final String DATASET = "data";

    private final List<SiteWorker> sites;
    private final Map<String, Table> tables;
    private final Map<String, ReleasePolicy> policies = new LinkedHashMap<>();
    private final Map<String, BudgetLedger> ledgers = new LinkedHashMap<>();
    private NoiseRequest noise;
    private java.util.function.Consumer<String> progress = message -> { };

    public Simulator(Map<String, Table> tables) {
        if (tables.isEmpty()) {
            throw new UsageException("at least one --site NAME=PATH is needed");
        }
        this.sites = new ArrayList<>();
        this.tables = new LinkedHashMap<>(tables);
        tables.forEach((name, table) -> sites.add(new SiteWorker(name, new ReleaseGate(name))));
    }

    /**
     * A simulator whose sites apply the given release policies (by site name; sites not named
     * get the permissive simulator policy), as deployed sites would.
     */
    public Simulator withPolicies(Map<String, ReleasePolicy> policies) {
        this.policies.putAll(policies);
        rebuildGates();
        return this;
    }

    /**
     * Gives sites privacy budget ledgers (by site name; budgets under {@link #DATASET} in each
     * site's policy). The caller opens and closes them.
     */
    public Simulator withLedgers(Map<String, BudgetLedger> ledgers) {
        this.ledgers.putAll(ledgers);
        rebuildGates();
        return this;
    }

    /** Asks every site for differential-privacy noise on each numeric release (null: none). */
    public Simulator withNoise(NoiseRequest noise) {
        this.noise = noise;
        return this;
    }

    private void rebuildGates() {
        sites.replaceAll(w -> new SiteWorker(w.name(), new ReleaseGate(w.name(),
                policies.getOrDefault(w.name(), ReleasePolicy.permissive()), null, true, SubsetStore.inMemory(),
                ledgers.get(w.name()))));
    }

    /** Reads every site's file (concurrently) and builds a simulator over them. */
    public static Simulator load(Map<String, Path> files) {
        if (files.isEmpty()) {
            throw new UsageException("at least one --site NAME=PATH is needed");
        }
        // Every site reads at once, as separate hospitals would: a read waits on DuckDB's native
        // threads and on memory as much as on this JVM's cores, so more readers than cores helps.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(files.size(), 8));
        try {
            Map<String, Future<Table>> pending = new LinkedHashMap<>();
            files.forEach((name, path) -> pending.put(name, pool.submit(() -> TableReader.read(name, path))));
            Map<String, Table> tables = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Table>> e : pending.entrySet()) {
                tables.put(e.getKey(), await(e.getValue(), e.getKey(), -1));
            }
            return new Simulator(tables);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Where progress lines (rounds, timings; never data) go, e.g. stderr for {@code --verbose}. */
    public Simulator onProgress(java.util.function.Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    /** Reads every site's file (concurrently), reporting each read to {@code progress}. */
    public static Simulator load(Map<String, Path> files, java.util.function.Consumer<String> progress) {
        long t0 = System.nanoTime();
        Simulator simulator = load(files);
        for (SiteWorker site : simulator.sites) {
            progress.accept(String.format(java.util.Locale.ROOT, "site %s: %d rows x %d columns", site.name(),
                    simulator.tables.get(site.name()).rowCount(), simulator.tables.get(site.name()).columnNames().size()));
        }
        progress.accept(String.format(java.util.Locale.ROOT, "read %d sites in %.3f s", files.size(), (System.nanoTime() - t0) / 1e9));
        return simulator.onProgress(progress);
    }

    public List<String> siteNames() {
        return sites.stream().map(SiteWorker::name).toList();
    }

    private boolean secureAggregation;

    /**
     * Computes every SUM by secure aggregation (pairwise masks, Bonawitz et al.) instead of a plain
     * sum, as the deployed runtime will by default; off by default here, where it only costs time.
     */
    public Simulator withSecureAggregation(boolean on) {
        this.secureAggregation = on;
        return this;
    }

    public <P> Simulation run(MethodDefinition<P> method, P parameters, String where) {
        long t0 = System.nanoTime();
        if (where != null && !where.isBlank()) {
            RowFilter.parse(where); // syntax errors before any site is asked
        }
        String job = method.name() + "-" + UUID.randomUUID();
        JobTicket ticket = new JobTicket(job, method.name(), DATASET, "simulator", where, siteNames(), noise);
        for (SiteWorker site : sites) {
            site.admit(ticket);
        }
        HubHalf hub = method.hub(parameters, new JobContext(siteNames(), where));
        SecureAggregation secure = secureAggregation
                ? SecureAggregation.setUp(job, siteNames(), new java.security.SecureRandom()) : null;
        SiteHalf siteHalf = method.site(parameters);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(sites.size(), Runtime.getRuntime().availableProcessors()));
        int rounds = 0;
        try {
            Step step = hub.start();
            while (step instanceof Step.Next next) {
                if (++rounds > HubHalf.MAX_ROUNDS) {
                    throw new MedfedException(method.name() + ": no result after " + HubHalf.MAX_ROUNDS + " rounds");
                }
                Request request = next.request();
                Map<String, Future<Contribution>> pending = new LinkedHashMap<>();
                for (SiteWorker site : sites) {
                    if (request.asks(site.name())) {
                        pending.put(site.name(), pool.submit(() -> site.answer(ticket, tables.get(site.name()), siteHalf, request)));
                    }
                }
                Map<String, Payload> answers = new LinkedHashMap<>();
                for (Map.Entry<String, Future<Contribution>> e : pending.entrySet()) {
                    answers.put(e.getKey(), await(e.getValue(), e.getKey(), request.round()).values());
                }
                Aggregate aggregate = secure == null ? Aggregator.combine(request, answers) : secure.combine(request, answers);
                step = hub.next(aggregate);
                progress.accept(String.format(java.util.Locale.ROOT, "round %d (%s): %d sites answered, %.3f s elapsed",
                        request.round(), request.step(), answers.size(), (System.nanoTime() - t0) / 1e9));
            }
            Map<String, List<ReleaseRecord>> released = new LinkedHashMap<>();
            Set<String> names = new LinkedHashSet<>();
            List<NoiseNote> notes = new ArrayList<>();
            for (SiteWorker site : sites) {
                notes.addAll(site.gate().noiseNotes(job));
                List<ReleaseRecord> records = site.gate().released().stream().filter(r -> r.job().equals(job)).toList();
                released.put(site.name(), records);
                records.forEach(r -> names.add(r.name()));
                site.finish(job);
            }
            return new Simulation(((Step.Done) step).result(), rounds, released, new ArrayList<>(names), System.nanoTime() - t0,
                    secure == null ? null : secure.costSeconds(), notes);
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T await(Future<T> future, String site, int round) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MedfedException("interrupted while waiting for site " + site);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MedfedException me) {
                throw me;
            }
            throw new MedfedException("site " + site + (round >= 0 ? " failed in round " + round : " failed")
                    + ": " + cause, cause);
        }
    }
}
