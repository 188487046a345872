package org.medfed.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medfed.aggregate.Aggregator;
import org.medfed.error.MedfedException;
import org.medfed.hub.store.JobStatus;
import org.medfed.hub.store.JobStore;
import org.medfed.hub.store.StoredRound;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodResult;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.Invocation;
import org.medfed.result.ResultJson;
import org.medfed.transport.WireFormat;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.JobClosed;
import org.medfed.transport.proto.JobEvent;
import org.medfed.transport.proto.JobOffer;
import org.medfed.transport.proto.JobReply;
import org.medfed.transport.proto.RequestPart;
import org.medfed.transport.proto.RoundProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job at the hub: offers it to its sites, then drives the method's hub half round by round —
 * sending each request down the sites' streams, waiting for every asked site's answer (or its
 * refusal, or the round timeout), summing in the job's fixed site order — and stores the result.
 * Nothing here knows which method runs. A site that drops out may reconnect within the round
 * timeout and the round goes on; a site that restarted (and so lost the job's state) fails the
 * job at once with a message that says how to re-run it.
 */
final class JobRun implements Runnable, SiteRegistry.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    private static final int MAX_ROUNDS = 10_000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private enum Phase { OFFER, ROUND, DONE }

    private final String id;
    private final Invocation<?> invocation;
    private final String dataset;
    private final String where;
    private final String analyst;
    private final List<String> sites;
    private final SiteRegistry registry;
    private final JobStore store;
    private final HubConfig config;
    private final AnalystStream analystStream;
    private final long started = System.nanoTime();

    // Round state, guarded by this.
    private Phase phase = Phase.OFFER;
    private final Set<String> accepted = new HashSet<>();
    private final Set<String> pendingApproval = new HashSet<>();
    private Request request;
    private List<RequestPart> requestParts = List.of();
    private Set<String> asked = Set.of();
    private final Map<String, Payload> answers = new HashMap<>();
    private final Map<String, String> gone = new HashMap<>();
    private String failure;

    JobRun(String id, Invocation<?> invocation, String dataset, String where, String analyst, List<String> sites,
           SiteRegistry registry, JobStore store, HubConfig config, AnalystStream analystStream) {
        this.id = id;
        this.invocation = invocation;
        this.dataset = dataset;
        this.where = where;
        this.analyst = analyst;
        this.sites = List.copyOf(sites);
        this.registry = registry;
        this.store = store;
        this.config = config;
        this.analystStream = analystStream;
    }

    String id() {
        return id;
    }

    @Override
    public void run() {
        registry.listen(this);
        int rounds = 0;
        String status = JobStatus.FAILED.label();
        try {
            offer();
            HubHalf half = invocation.hub(new JobContext(sites, where));
            Set<String> releasedNames = new LinkedHashSet<>();
            Step step = half.start();
            while (step instanceof Step.Next next) {
                if (++rounds > MAX_ROUNDS) {
                    throw new MedfedException(invocation.name() + ": no result after " + MAX_ROUNDS + " rounds");
                }
                Request r = next.request();
                Map<String, Payload> got = round(r);
                r.releases().forEach(q -> releasedNames.add(q.name()));
                Aggregate aggregate = Aggregator.combine(r, got);
                step = half.next(aggregate);
                long elapsed = System.nanoTime() - started;
                store.recordRound(new StoredRound(id, r.round(), r.step(), asked.size(), got.size(), elapsed / 1_000_000));
                progress(r.round(), r.step(), got.size(), asked.size(), null);
            }
            MethodResult result = ((Step.Done) step).result();
            ObjectNode json = ResultJson.of(result, "hub", id, rounds, new ArrayList<>(releasedNames));
            store.finish(id, JobStatus.SUCCEEDED, null, json.toPrettyString(), result.toText(), result.warnings(),
                    rounds, Instant.now());
            status = JobStatus.SUCCEEDED.label();
            LOG.info("job {} ({}) succeeded after {} rounds", id, invocation.name(), rounds);
        } catch (MedfedException e) {
            fail(e.getMessage(), rounds);
        } catch (RuntimeException e) {
            LOG.error("job " + id + " failed with an internal error", e);
            fail("internal error at the hub: " + e, rounds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(JobStore.interruptedMessage(id), rounds);
            status = JobStatus.INTERRUPTED.label();
        } finally {
            synchronized (this) {
                phase = Phase.DONE;
            }
            registry.unlisten(this);
            for (String site : sites) {
                SiteLink link = registry.get(site);
                if (link != null) {
                    link.send(HubMessage.newBuilder().setClosed(JobClosed.newBuilder().setJob(id).setStatus(status)).build());
                }
            }
            analystStream.finish(JobEvent.newBuilder()
                    .setFinished(JobRecords.of(store.find(id).orElseThrow(), true)).build());
        }
    }

    private void fail(String message, int rounds) {
        LOG.warn("job {} failed: {}", id, message);
        store.finish(id, message.equals(JobStore.interruptedMessage(id)) ? JobStatus.INTERRUPTED : JobStatus.FAILED, message,
                null, null, List.of(), rounds, Instant.now());
    }

    // ---- offer ----

    private void offer() throws InterruptedException {
        JobOffer offer = offerMessage();
        for (String site : sites) {
            SiteLink link = registry.get(site);
            if (link == null || !link.send(HubMessage.newBuilder().setOffer(offer).build())) {
                synchronized (this) {
                    gone.putIfAbsent(site, "not connected when the job started");
                }
            }
        }
        long deadline = System.nanoTime() + config.roundTimeout().toNanos();
        long approvalDeadline = System.nanoTime() + config.approvalTimeout().toNanos();
        synchronized (this) {
            while (failure == null && accepted.size() < sites.size()) {
                boolean waitingOnApproval = !pendingApproval.isEmpty();
                long now = System.nanoTime();
                long until = waitingOnApproval ? Math.max(deadline, approvalDeadline) : deadline;
                if (now >= until) {
                    List<String> missing = sites.stream().filter(s -> !accepted.contains(s)).toList();
                    String site = missing.get(0);
                    if (pendingApproval.contains(site)) {
                        throw new MedfedException("site " + site + " did not approve job " + id + " within "
                                + human(config.approvalTimeout()));
                    }
                    throw new MedfedException(notAnswered(site, "the job offer", config.roundTimeout()));
                }
                wait(Math.max(1, (until - now) / 1_000_000));
            }
            if (failure != null) {
                throw new MedfedException(failure);
            }
            phase = Phase.ROUND;
        }
    }

    private JobOffer offerMessage() {
        return JobOffer.newBuilder().setJob(id).setMethod(invocation.name())
                .setParametersJson(invocation.parametersJson()).setDataset(dataset)
                .setWhere(where == null ? "" : where).setAnalyst(analyst).addAllSites(sites).build();
    }

    synchronized void onReply(String site, JobReply reply) {
        if (!sites.contains(site) || phase != Phase.OFFER) {
            return;
        }
        if (reply.getDecision() == JobReply.Decision.PENDING_APPROVAL) {
            pendingApproval.add(site);
            progressLocked(0, "approval", "waiting for the operator of site " + site + " to approve the job");
        } else {
            pendingApproval.remove(site);
            accepted.add(site);
        }
        notifyAll();
    }

    // ---- rounds ----

    private Map<String, Payload> round(Request r) throws InterruptedException {
        List<String> askedSites = sites.stream().filter(r::asks).toList();
        synchronized (this) {
            request = r;
            requestParts = WireFormat.requestParts(id, r);
            asked = new LinkedHashSet<>(askedSites);
            answers.clear();
        }
        for (String site : askedSites) {
            sendRequest(site);
        }
        long deadline = System.nanoTime() + config.roundTimeout().toNanos();
        synchronized (this) {
            while (failure == null && answers.size() < asked.size()) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    String site = askedSites.stream().filter(s -> !answers.containsKey(s)).findFirst().orElseThrow();
                    throw new MedfedException(notAnswered(site, "round " + r.round() + " (" + r.step() + ")",
                            config.roundTimeout()));
                }
                wait(Math.max(1, (deadline - now) / 1_000_000));
            }
            if (failure != null) {
                throw new MedfedException(failure);
            }
            Map<String, Payload> ordered = new LinkedHashMap<>();
            for (String site : askedSites) {
                ordered.put(site, answers.get(site));
            }
            return ordered;
        }
    }

    private void sendRequest(String site) {
        List<RequestPart> parts;
        synchronized (this) {
            parts = requestParts;
        }
        SiteLink link = registry.get(site);
        if (link == null) {
            return; // it may reconnect within the timeout; connected() resends
        }
        for (RequestPart part : parts) {
            if (!link.send(HubMessage.newBuilder().setRequest(part).build())) {
                return;
            }
        }
    }

    synchronized void onAnswer(String site, int round, Payload values) {
        if (phase != Phase.ROUND || request == null || round != request.round() || !asked.contains(site)) {
            return; // a late answer to an earlier round (after a resend) is ignored
        }
        String problem = undeclared(values);
        if (problem != null) {
            failure = "site " + site + " sent round " + round + " values that do not match the request: " + problem;
        } else {
            answers.put(site, values);
            if (answers.size() < asked.size()) {
                // The analyst sees a slow round fill up site by site.
                progress(round, request.step(), answers.size(), asked.size(), null);
            }
        }
        notifyAll();
    }

    /** The hub checks shapes too: a modified site agent must not be able to corrupt the sum. */
    private String undeclared(Payload values) {
        for (Quantity q : request.releases()) {
            switch (q.aggregation()) {
                case UNION -> {
                    if (!values.hasLabel(q.name())) {
                        return "'" + q.name() + "' is missing";
                    }
                }
                default -> {
                    if (!values.hasNumber(q.name()) || values.number(q.name()).length != q.length()) {
                        return "'" + q.name() + "' is missing or has the wrong length";
                    }
                }
            }
        }
        int declared = request.releases().size();
        if (values.numbers().size() + values.labels().size() != declared) {
            return "it holds undeclared values";
        }
        return null;
    }

    synchronized void onRefusal(String site, int round, String reason) {
        if (!sites.contains(site) || phase == Phase.DONE) {
            return;
        }
        String prefix = "site " + site;
        boolean named = reason.startsWith(prefix) && (reason.length() == prefix.length()
                || " :,".indexOf(reason.charAt(prefix.length())) >= 0);
        if (failure == null) { // the first refusal is the one the analyst reads
            failure = named ? reason : prefix + ": " + reason;
        }
        notifyAll();
    }

    // ---- sites coming and going ----

    @Override
    public void connected(SiteLink link) {
        String site = link.name();
        boolean resendOffer = false;
        boolean resendRequest = false;
        synchronized (this) {
            if (!sites.contains(site) || phase == Phase.DONE) {
                return;
            }
            String wasGone = gone.remove(site);
            if (phase == Phase.OFFER) {
                // A site that accepted and still holds the job stays accepted; any other gets the offer again.
                resendOffer = !accepted.contains(site) || !link.holds(id);
                if (resendOffer) {
                    accepted.remove(site);
                }
            } else if (!link.holds(id)) {
                failure = "site " + site + " restarted during round " + request.round() + " (" + request.step()
                        + ") and lost this job's state; re-run the job with: medfed rerun " + id;
                notifyAll();
                return;
            } else {
                resendRequest = asked.contains(site) && !answers.containsKey(site);
            }
            if (wasGone != null) {
                progressLocked(request == null ? 0 : request.round(), request == null ? "offer" : request.step(),
                        "site " + site + " reconnected");
            }
        }
        if (resendOffer) {
            link.send(HubMessage.newBuilder().setOffer(offerMessage()).build());
        }
        if (resendRequest) {
            sendRequest(site);
        }
    }

    @Override
    public void disconnected(SiteLink link, String why) {
        String site = link.name();
        synchronized (this) {
            if (!sites.contains(site) || phase == Phase.DONE) {
                return;
            }
            gone.put(site, "it disconnected at " + CLOCK.format(Instant.now()) + " (" + why + ")");
            progressLocked(request == null ? 0 : request.round(), request == null ? "offer" : request.step(),
                    "site " + site + " disconnected (" + why + "); waiting up to " + human(config.roundTimeout())
                            + " for it to reconnect");
        }
    }

    private String notAnswered(String site, String what, java.time.Duration timeout) {
        String why = gone.get(site);
        return "site " + site + " did not answer " + what + " of job " + id + " within " + human(timeout)
                + (why == null ? "" : ": " + why + " and did not reconnect");
    }

    static String human(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + " h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return ms + " ms";
    }

    // ---- progress ----

    private void progress(int round, String step, int answered, int askedCount, String note) {
        RoundProgress.Builder p = RoundProgress.newBuilder().setJob(id).setRound(round).setStep(step)
                .setSitesAnswered(answered).setSitesAsked(askedCount)
                .setElapsedSeconds((System.nanoTime() - started) / 1e9);
        if (note != null) {
            p.setNote(note);
        }
        analystStream.send(JobEvent.newBuilder().setProgress(p).build());
    }

    private void progressLocked(int round, String step, String note) {
        progress(round, step, answers.size(), asked.size(), note);
        LOG.info("job {}: {}", id, note);
    }
}
