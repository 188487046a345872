package org.medfed.hub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.filter.RowFilter;
import org.medfed.hub.store.JobStatus;
import org.medfed.hub.store.JobStore;
import org.medfed.hub.store.StoredJob;
import org.medfed.methods.Invocation;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.transport.proto.JobAccepted;
import org.medfed.transport.proto.JobEvent;
import org.medfed.transport.proto.JobSubmission;

/**
 * The hub's running jobs: validates a submission (method, parameters, row filter, dataset,
 * sites), stores it, and runs it on its own thread. Many jobs may run at once; each talks to
 * its sites through the shared links.
 */
final class Jobs implements AutoCloseable {
    private final SiteRegistry registry;
    private final JobStore store;
    private final HubConfig config;
    private final Map<String, JobRun> running = new ConcurrentHashMap<>();
    /** Secure-aggregation costs of the last jobs that used it (bounded: for benchmarks and tests). */
    private final Map<String, SecAggTimes> secAggTimes = Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SecAggTimes> eldest) {
                    return size() > 1000;
                }
            });
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "medfed-job");
        t.setDaemon(true);
        return t;
    });

    Jobs(SiteRegistry registry, JobStore store, HubConfig config) {
        this.registry = registry;
        this.store = store;
        this.config = config;
    }

    /**
     * Starts a job; throws a {@link UsageException} for a bad submission (unknown method, bad
     * parameters or filter) and a {@link MedfedException} when the sites cannot run it.
     */
    String submit(JobSubmission submission, String analyst, String rerunOf, AnalystStream events) {
        Invocation<?> invocation = Invocation.parse(submission.getMethod(), submission.getParametersJson());
        String where = submission.getWhere().isBlank() ? null : submission.getWhere();
        if (where != null) {
            RowFilter.parse(where);
        }
        String dataset = submission.getDataset();
        if (dataset.isBlank()) {
            throw new UsageException("a job needs a dataset (--dataset NAME)");
        }
        NoiseRequest noise = noise(submission.getNoise());
        List<String> sites = resolveSites(submission.getSitesList(), dataset);
        String id = store.newJobId();
        store.insert(new StoredJob(id, invocation.name(), dataset, invocation.parametersJson(), where, sites, analyst,
                JobStatus.RUNNING, Instant.now(), null, null, null, null, List.of(), 0, rerunOf,
                noise == null ? null : noise.text()));
        events.send(JobEvent.newBuilder().setAccepted(JobAccepted.newBuilder().setJob(id).addAllSites(sites)).build());
        JobRun run = new JobRun(id, invocation, dataset, where, analyst, sites, registry, store, config, events,
                times -> secAggTimes.put(id, times), noise);
        running.put(id, run);
        threads.execute(() -> {
            try {
                run.run();
            } finally {
                running.remove(id);
            }
        });
        return id;
    }

    /** The analyst's DP noise request, or null for none; a usage error if it does not parse. */
    private static NoiseRequest noise(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return NoiseRequest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dp: " + e.getMessage());
        }
    }

    /** Secure-aggregation costs of a finished job, if it used secure aggregation (the last 1,000 jobs). */
    Optional<SecAggTimes> secAggTimes(String job) {
        return Optional.ofNullable(secAggTimes.get(job));
    }

    /** The job's sites in the job's fixed order: as the analyst listed them, else by name. */
    private List<String> resolveSites(List<String> requested, String dataset) {
        List<SiteLink> connected = registry.connected();
        List<String> names = connected.stream().map(SiteLink::name).toList();
        if (requested.isEmpty()) {
            List<String> offering = connected.stream().filter(l -> l.offers(dataset)).map(SiteLink::name).sorted().toList();
            if (offering.isEmpty()) {
                throw new MedfedException("no connected site offers dataset '" + dataset + "'"
                        + (names.isEmpty() ? " (no site is connected)" : " (connected: " + String.join(", ", names) + ")"));
            }
            return offering;
        }
        List<String> out = new ArrayList<>();
        for (String site : requested) {
            if (out.contains(site)) {
                throw new UsageException("site " + site + " is listed twice in --sites");
            }
            SiteLink link = registry.get(site);
            if (link == null) {
                throw new MedfedException("site " + site + " is not connected to this hub"
                        + (names.isEmpty() ? " (no site is connected)" : " (connected: " + String.join(", ", names) + ")"));
            }
            if (!link.offers(dataset)) {
                throw new MedfedException("site " + site + " has no dataset '" + dataset + "' (it offers: "
                        + String.join(", ", link.datasets().stream().map(d -> d.getName()).toList()) + ")");
            }
            out.add(site);
        }
        return out;
    }

    JobRun get(String job) {
        return running.get(job);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
