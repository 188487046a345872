package org.medfed.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.medfed.aggregate.Aggregator;
import org.medfed.error.MedfedException;
import org.medfed.hub.store.JobStatus;
import org.medfed.hub.store.JobStore;
import org.medfed.hub.store.StoredRound;
import org.medfed.method.Aggregate;
import org.medfed.method.Aggregation;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodResult;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.Invocation;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.result.ResultJson;
import org.medfed.secagg.MaskedInput;
import org.medfed.secagg.RoundSum;
import org.medfed.secagg.SecAggConfig;
import org.medfed.secagg.SecAggServer;
import org.medfed.site.NoiseNote;
import org.medfed.transport.MaskedInputAssembler;
import org.medfed.transport.SecAggWire;
import org.medfed.transport.WireFormat;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.JobClosed;
import org.medfed.transport.proto.JobEvent;
import org.medfed.transport.proto.JobOffer;
import org.medfed.transport.proto.JobReply;
import org.medfed.transport.proto.RequestPart;
import org.medfed.transport.proto.RoundProgress;
import org.medfed.transport.proto.SecAggPart;
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
    private static final ObjectMapper NOTES = new ObjectMapper();
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
    private final NoiseRequest noise;
    private final Consumer<SecAggTimes> secAggTimesSink;
    private final long started = System.nanoTime();
    /** Each site's notes on DP noise, by round (a resent answer replaces, not adds). Guarded by this. */
    private final Map<String, Map<Integer, List<JsonNode>>> noiseNotes = new HashMap<>();

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
    // Secure aggregation, guarded by this: the hub's side of the protocol and the replies awaited.
    private SecAggServer secagg;
    private SecAggPart.Kind awaiting;
    private final Map<String, SecAggPart> secaggReplies = new HashMap<>();
    private boolean maskedRound;
    private final Set<String> masked = new HashSet<>();
    // The secure-aggregation round of the current masked round (it counts masked rounds only).
    private int maskRound;
    // What a site that reconnects mid-job is sent again (it answers repeats from its cache).
    private Map<String, ByteString> routedShares = Map.of();
    private Map<String, ByteString> roundMaskRequests = Map.of();
    private Map<String, ByteString> roundUnmaskRequests = Map.of();
    // What secure aggregation cost this job (wall clock at the hub), for logs and benchmarks.
    private long keyAgreementNanos;
    private long unmaskingNanos;
    private int maskedRounds;
    private int unmaskingSteps;

    JobRun(String id, Invocation<?> invocation, String dataset, String where, String analyst, List<String> sites,
           SiteRegistry registry, JobStore store, HubConfig config, AnalystStream analystStream,
           Consumer<SecAggTimes> secAggTimesSink, NoiseRequest noise) {
        this.secAggTimesSink = secAggTimesSink;
        this.id = id;
        this.noise = noise;
        this.invocation = invocation;
        this.dataset = dataset;
        this.where = where;
        this.analyst = analyst;
        this.sites = List.copyOf(sites);
        this.registry = registry;
        this.store = store;
        this.config = config;
        this.analystStream = analystStream;
        if (config.secureAggregation()) {
            // A site advertises its keys as it accepts the offer (no request needed): collect them.
            awaiting = SecAggPart.Kind.ADVERTISE;
        }
    }

    String id() {
        return id;
    }

    /** What secure aggregation cost this job so far; null when the job does not use it. */
    synchronized SecAggTimes secAggTimes() {
        return secagg == null ? null : new SecAggTimes(id, keyAgreementNanos / 1e9, unmaskingNanos / 1e9,
                maskedRounds, unmaskingSteps);
    }

    @Override
    public void run() {
        registry.listen(this);
        int rounds = 0;
        String status = JobStatus.FAILED.label();
        try {
            offer();
            if (config.secureAggregation()) {
                long t0 = System.nanoTime();
                setUpSecureAggregation();
                keyAgreementNanos = System.nanoTime() - t0;
            }
            HubHalf half = invocation.hub(new JobContext(sites, where));
            Set<String> releasedNames = new LinkedHashSet<>();
            Step step = half.start();
            while (step instanceof Step.Next next) {
                if (++rounds > HubHalf.MAX_ROUNDS) {
                    throw new MedfedException(invocation.name() + ": no result after " + HubHalf.MAX_ROUNDS + " rounds");
                }
                Request r = next.request();
                Map<String, Payload> got = round(r);
                r.releases().forEach(q -> releasedNames.add(q.name()));
                Aggregate aggregate = maskedRound ? unmask(r, got) : Aggregator.combine(r, got);
                step = half.next(aggregate);
                long elapsed = System.nanoTime() - started;
                store.recordRound(new StoredRound(id, r.round(), r.step(), asked.size(), got.size(), elapsed / 1_000_000));
                progress(r.round(), r.step(), got.size(), asked.size(), null);
            }
            MethodResult result = ((Step.Done) step).result();
            ObjectNode json = ResultJson.of(result, "hub", id, rounds, new ArrayList<>(releasedNames),
                    config.secureAggregation(), noiseNotes());
            store.finish(id, JobStatus.SUCCEEDED, null, json.toPrettyString(), result.toText(), result.warnings(),
                    rounds, Instant.now());
            status = JobStatus.SUCCEEDED.label();
            LOG.info("job {} ({}) succeeded after {} rounds", id, invocation.name(), rounds);
            if (secagg != null) {
                LOG.info("job {}: secure aggregation at the hub: key set-up {} ms, unmasking {} ms ({} of {} masked"
                        + " rounds had an unmasking step)", id, String.format(Locale.ROOT, "%.1f", keyAgreementNanos / 1e6),
                        String.format(Locale.ROOT, "%.1f", unmaskingNanos / 1e6), unmaskingSteps, maskedRounds);
            }
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
            SecAggTimes times = secAggTimes();
            if (times != null) {
                secAggTimesSink.accept(times); // before the analyst hears that the job finished
            }
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
            // A site waiting for its operator extends the wait to the approval timeout.
            if (!awaitLocked(() -> accepted.size() == sites.size(),
                    () -> pendingApproval.isEmpty() ? deadline : Math.max(deadline, approvalDeadline))) {
                String site = sites.stream().filter(s -> !accepted.contains(s)).findFirst().orElseThrow();
                if (pendingApproval.contains(site)) {
                    throw new MedfedException("site " + site + " did not approve job " + id + " within "
                            + human(config.approvalTimeout()));
                }
                throw new MedfedException(notAnswered(site, "the job offer", config.roundTimeout()));
            }
            phase = Phase.ROUND;
        }
    }

    private JobOffer offerMessage() {
        JobOffer.Builder b = JobOffer.newBuilder().setJob(id).setMethod(invocation.name())
                .setParametersJson(invocation.parametersJson()).setDataset(dataset)
                .setWhere(where == null ? "" : where).setAnalyst(analyst).addAllSites(sites)
                .setSecureAggregation(config.secureAggregation())
                .setNoise(noise == null ? "" : noise.text());
        if (config.secureAggregation()) {
            // One site cannot hide in a sum: its sites refuse by min_sites, or set-up fails below.
            b.setSecaggThreshold(sites.size() < 2 ? 0 : SecAggConfig.of(id, sites).threshold());
            for (String site : sites) {
                SiteLink link = registry.get(site);
                if (link == null) {
                    throw new MedfedException("site " + site + " is not connected; secure aggregation needs its certificate");
                }
                b.addSiteCertificates(ByteString.copyFrom(link.certificate()));
            }
        }
        return b.build();
    }

    // ---- secure aggregation (Bonawitz et al.): the hub relays, and learns only sums ----

    private void setUpSecureAggregation() throws InterruptedException {
        synchronized (this) {
            secagg = new SecAggServer(new SecAggConfig(id, sites,
                    SecAggConfig.of(id, sites).threshold()));
        }
        Map<String, SecAggPart> advertisements;
        long deadline = System.nanoTime() + config.roundTimeout().toNanos();
        synchronized (this) {
            // Sent with the acceptances; normally all here already.
            if (!awaitLocked(() -> secaggReplies.size() == sites.size(), () -> deadline)) {
                String site = sites.stream().filter(x -> !secaggReplies.containsKey(x)).findFirst().orElseThrow();
                throw new MedfedException(notAnswered(site, "the secure-aggregation step ADVERTISE", config.roundTimeout()));
            }
            awaiting = null;
            advertisements = new HashMap<>(secaggReplies);
        }
        synchronized (this) {
            for (String site : sites) {
                var ad = SecAggWire.advertisement(advertisements.get(site).getBody());
                if (!ad.site().equals(site)) {
                    throw new MedfedException("site " + site + " advertised keys for site " + ad.site());
                }
                secagg.acceptAdvertisement(ad);
            }
        }
        Map<String, ByteString> relay = new HashMap<>();
        for (var d : secagg.relayAdvertisements()) {
            relay.put(d.to(), SecAggWire.advertisements(d.message()));
        }
        var shares = exchange(SecAggPart.Kind.ADVERTISEMENTS, relay::get);
        synchronized (this) {
            for (String site : sites) {
                secagg.acceptShares(site, SecAggWire.shares(shares.get(site).getBody()));
            }
        }
        Map<String, ByteString> routed = new HashMap<>();
        for (var d : secagg.routeShares()) {
            routed.put(d.to(), SecAggWire.shares(d.message()));
        }
        // No reply is awaited: a site handles the messages of its stream in order, so it has taken
        // its shares in before it reads the first round's request, and a site that rejects them
        // refuses, which fails the job at that round. This saves a round trip per job.
        for (String site : sites) {
            routed.putIfAbsent(site, SecAggWire.shares(List.of()));
        }
        synchronized (this) {
            routedShares = Map.copyOf(routed);
        }
        for (String site : sites) {
            sendSecAgg(site, SecAggPart.Kind.ROUTED_SHARES, 0, routed.get(site));
        }
    }

    /** Sends each site a part of this kind and waits for one reply part from every site. */
    private Map<String, SecAggPart> exchange(SecAggPart.Kind kind,
            Function<String, ByteString> body) throws InterruptedException {
        synchronized (this) {
            secaggReplies.clear();
            awaiting = kind;
        }
        for (String site : sites) {
            sendSecAgg(site, kind, 0, body.apply(site));
        }
        long deadline = System.nanoTime() + config.roundTimeout().toNanos();
        synchronized (this) {
            if (!awaitLocked(() -> secaggReplies.size() == sites.size(), () -> deadline)) {
                String site = sites.stream().filter(x -> !secaggReplies.containsKey(x)).findFirst().orElseThrow();
                throw new MedfedException(notAnswered(site, "the secure-aggregation step " + kind, config.roundTimeout()));
            }
            awaiting = null;
            return new HashMap<>(secaggReplies);
        }
    }

    private void sendSecAgg(String site, SecAggPart.Kind kind, int round,
                            ByteString body) {
        SiteLink link = registry.get(site);
        if (link != null) {
            link.send(HubMessage.newBuilder().setSecagg(SecAggPart.newBuilder()
                    .setJob(id).setRound(round).setKind(kind).setBody(body)).build());
        }
    }

    synchronized void onSecAgg(String site, SecAggPart part) {
        // Advertisements come with the sites' acceptances, before the hub's side of the protocol
        // exists; masked inputs come on contribution parts (onMaskedInput).
        if (!sites.contains(site) || phase == Phase.DONE || secagg == null && part.getKind() != SecAggPart.Kind.ADVERTISE) {
            return;
        }
        var expected = switch (part.getKind()) {
            case ADVERTISE -> SecAggPart.Kind.ADVERTISE;
            case SHARES -> SecAggPart.Kind.ADVERTISEMENTS;
            case UNMASK_RESPONSE -> SecAggPart.Kind.UNMASK_REQUEST;
            default -> null;
        };
        if (expected != null && expected == awaiting) {
            secaggReplies.put(site, part);
        }
        notifyAll();
    }

    /** The round's aggregate: SUMs from the masked inputs, after the unmasking step; the rest in clear. */
    private Aggregate unmask(Request r, Map<String, Payload> clear) throws InterruptedException {
        long t0 = System.nanoTime();
        Map<String, ByteString> unmaskRequests = new HashMap<>();
        synchronized (this) {
            // Only the first masked round has an unmasking step; in later ones the library returns
            // no requests and the hub removes the self masks itself (see SecAggServer).
            for (var d : secagg.requestUnmasking()) {
                unmaskRequests.put(d.to(), SecAggWire.unmaskRequest(d.message()));
            }
            secaggReplies.clear();
            awaiting = unmaskRequests.isEmpty() ? null : SecAggPart.Kind.UNMASK_REQUEST;
            roundUnmaskRequests = Map.copyOf(unmaskRequests);
        }
        for (Map.Entry<String, ByteString> e : unmaskRequests.entrySet()) {
            sendSecAgg(e.getKey(), SecAggPart.Kind.UNMASK_REQUEST, r.round(), e.getValue());
        }
        long deadline = System.nanoTime() + config.roundTimeout().toNanos();
        RoundSum total;
        synchronized (this) {
            if (!unmaskRequests.isEmpty()) {
                // On timeout the library decides whether enough sites answered (its threshold).
                awaitLocked(() -> secaggReplies.size() == unmaskRequests.size(), () -> deadline);
                awaiting = null;
                for (var part : secaggReplies.values()) {
                    secagg.acceptUnmaskResponse(SecAggWire.unmaskResponse(part.getBody()));
                }
                unmaskingSteps++;
            }
            total = secagg.finishRound();
            maskedRounds++;
        }
        unmaskingNanos += System.nanoTime() - t0;
        Aggregate plain = Aggregator.combine(r, clear, false);
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Quantity q : r.releases()) {
            if (q.aggregation() == Aggregation.SUM) {
                double[] v = total.sums().get(q.name());
                if (v == null || v.length != q.length()) {
                    throw new MedfedException("secure aggregation of round " + r.round() + " returned no sum of the declared"
                            + " length for '" + q.name() + "'");
                }
                sums.put(q.name(), v);
            }
        }
        return new Aggregate(plain.round(), plain.step(), plain.sites(), sums, plain.perSite(), plain.unions());
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
        boolean sums = r.releases().stream().anyMatch(q -> q.aggregation() == Aggregation.SUM);
        Map<String, ByteString> maskRequests = new HashMap<>();
        synchronized (this) {
            request = r;
            requestParts = WireFormat.requestParts(id, r);
            asked = new LinkedHashSet<>(askedSites);
            answers.clear();
            masked.clear();
            maskedRound = secagg != null && sums;
            if (maskedRound) {
                if (askedSites.size() != sites.size()) {
                    throw new MedfedException("secure aggregation needs every site of the job in round " + r.round());
                }
                checkMaskable(r);
                for (var d : secagg.startRound()) {
                    maskRequests.put(d.to(), SecAggWire.maskRequest(d.message()));
                    maskRound = d.message().round();
                }
            }
            roundMaskRequests = Map.copyOf(maskRequests);
            roundUnmaskRequests = Map.of();
        }
        for (String site : askedSites) {
            sendRequest(site); // with the site's mask request on its last part, in a masked round
        }
        long deadline = System.nanoTime() + config.roundTimeout().toNanos();
        synchronized (this) {
            if (!awaitLocked(() -> answers.size() == asked.size() && (!maskedRound || masked.size() == asked.size()),
                    () -> deadline)) {
                String site = askedSites.stream().filter(s -> !answers.containsKey(s) || maskedRound && !masked.contains(s))
                        .findFirst().orElseThrow();
                throw new MedfedException(notAnswered(site, "round " + r.round() + " (" + r.step() + ")",
                        config.roundTimeout()));
            }
            Map<String, Payload> ordered = new LinkedHashMap<>();
            for (String site : askedSites) {
                ordered.put(site, answers.get(site));
            }
            return ordered;
        }
    }

    /**
     * Refuses, before any site computes, a round whose sums can never be securely aggregated: a
     * masked input is one array of two 64-bit words per number (see MaskedInputAssembler).
     * Message size is no limit: masked inputs travel in as many parts as they need.
     */
    static void checkMaskable(Request r) {
        long numbers = 0;
        for (Quantity q : r.releases()) {
            if (q.aggregation() == Aggregation.SUM) {
                long n = 1;
                for (int d : q.shape()) {
                    n *= d;
                }
                numbers += n;
            }
        }
        if (numbers > MaskedInputAssembler.MAX_NUMBERS) {
            throw new MedfedException("round " + r.round() + " (" + r.step() + ") sums " + numbers
                    + " numbers per site, more than secure aggregation can carry in one round ("
                    + MaskedInputAssembler.MAX_NUMBERS + ", one array of two 64-bit ring words per number)");
        }
    }

    private void sendRequest(String site) {
        List<RequestPart> parts;
        synchronized (this) {
            parts = requestParts;
            ByteString mask = maskedRound ? roundMaskRequests.get(site) : null;
            if (mask != null && !parts.isEmpty()) {
                parts = new ArrayList<>(parts);
                int last = parts.size() - 1;
                parts.set(last, parts.get(last).toBuilder().setMaskRequest(mask).build());
            }
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

    /**
     * An assembler for a site's masked input in {@code round}, sized by this round's SUM
     * quantities; null when the round awaits no masked input from the site (not the current
     * round, not masked, or the site's input is already in after a resend).
     */
    synchronized MaskedInputAssembler maskedInputAssembler(String site, int round) {
        if (!awaitsMaskedInput(site, round)) {
            return null;
        }
        SortedMap<String, Integer> lengths = new TreeMap<>();
        for (Quantity q : request.releases()) {
            if (q.aggregation() == Aggregation.SUM) {
                lengths.put(q.name(), q.length());
            }
        }
        return new MaskedInputAssembler(id, round, maskRound, site, lengths);
    }

    /**
     * The lengths of the clear numeric values the current request asks {@code site} for in
     * {@code round} (sums travel masked in a masked round), or null when no such answer is awaited.
     */
    synchronized Map<String, Integer> clearLengths(String site, int round) {
        if (phase != Phase.ROUND || request == null || round != request.round() || !asked.contains(site)) {
            return null;
        }
        Map<String, Integer> lengths = new HashMap<>();
        for (Quantity q : request.releases()) {
            if (q.aggregation() != Aggregation.UNION && !(maskedRound && q.aggregation() == Aggregation.SUM)) {
                lengths.put(q.name(), q.length());
            }
        }
        return lengths;
    }

    private boolean awaitsMaskedInput(String site, int round) {
        return sites.contains(site) && phase != Phase.DONE && secagg != null && maskedRound && request != null
                && round == request.round() && asked.contains(site) && !masked.contains(site);
    }

    /** A site's masked input for {@code round} in one field (sites before MaskedChunks sent it so). */
    synchronized void onMaskedInput(String site, int round, ByteString body) {
        if (!awaitsMaskedInput(site, round)) {
            return; // a repeat after a reconnection is the same input
        }
        try {
            var in = SecAggWire.maskedInput(body);
            if (!in.site().equals(site)) {
                throw new MedfedException("site " + site + " sent a masked input labelled " + in.site());
            }
            acceptMaskedInput(site, in);
        } catch (MedfedException e) {
            failure = e.getMessage();
        }
        notifyAll();
    }

    /** A site's masked input for {@code round}, reassembled from the chunks of its answer. */
    synchronized void onMaskedInput(String site, int round, MaskedInput in) {
        if (!awaitsMaskedInput(site, round)) {
            return;
        }
        try {
            acceptMaskedInput(site, in);
        } catch (MedfedException e) {
            failure = e.getMessage();
        }
        notifyAll();
    }

    private void acceptMaskedInput(String site, MaskedInput in) {
        secagg.acceptMaskedInput(in);
        masked.add(site);
    }

    /** A site's masked input that broke the chunk sequence: the job fails with the reason. */
    synchronized void onMalformedMaskedInput(String site, int round, String reason) {
        if (!awaitsMaskedInput(site, round)) {
            return;
        }
        if (failure == null) {
            failure = reason;
        }
        notifyAll();
    }

    /** A site's notes on the DP noise in its answer to {@code round} (a JSON array; see NoiseNote). */
    synchronized void onNoise(String site, int round, String json) {
        if (json == null || json.isBlank() || !sites.contains(site)) {
            return;
        }
        try {
            List<JsonNode> notes = NoiseNote.parseArray(NOTES.readTree(json));
            noiseNotes.computeIfAbsent(site, s -> new TreeMap<>()).put(round, notes);
        } catch (JsonProcessingException e) {
            LOG.warn("job {}: site {} sent unreadable noise notes for round {}: {}", id, site, round, e.getOriginalMessage());
        }
    }

    /** Every site's noise notes, in the job's site order and then by round. */
    private synchronized List<JsonNode> noiseNotes() {
        List<JsonNode> out = new ArrayList<>();
        for (String site : sites) {
            noiseNotes.getOrDefault(site, Map.of()).values().forEach(out::addAll);
        }
        return out;
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
        int declared = 0;
        for (Quantity q : request.releases()) {
            if (maskedRound && q.aggregation() == Aggregation.SUM) {
                if (values.hasNumber(q.name())) {
                    return "'" + q.name() + "' was sent in clear in a securely aggregated round";
                }
                continue;
            }
            declared++;
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
        boolean askAdvertisement = false;
        ByteString shares = null;
        ByteString unmaskRequest = null;
        int round;
        synchronized (this) {
            round = request == null ? 0 : request.round();
            if (!sites.contains(site) || phase == Phase.DONE) {
                return;
            }
            String wasGone = gone.remove(site);
            if (phase == Phase.OFFER) {
                // A site that accepted and still holds the job stays accepted; any other gets the offer again.
                resendOffer = !accepted.contains(site) || !link.holds(id);
                if (resendOffer) {
                    accepted.remove(site);
                } else {
                    // Its key advertisement goes right after its acceptance and may have been lost
                    // with the connection; the site answers a request for it with the same one.
                    askAdvertisement = config.secureAggregation() && awaiting == SecAggPart.Kind.ADVERTISE
                            && !secaggReplies.containsKey(site);
                }
            } else if (!link.holds(id)) {
                failure = "site " + site + " restarted during " + (request == null ? "the job's set-up"
                        : "round " + request.round() + " (" + request.step() + ")")
                        + " and lost this job's state; re-run the job with: medfed rerun " + id;
                notifyAll();
                return;
            } else if (secagg != null && request == null && awaiting != SecAggPart.Kind.ADVERTISE) {
                failure = "site " + site + " reconnected during the key set-up of a securely aggregated job, which "
                        + "cannot resume there; re-run the job with: medfed rerun " + id;
                notifyAll();
                return;
            } else if (secagg != null && request == null) {
                askAdvertisement = !secaggReplies.containsKey(site);
            } else {
                // The site still holds the job (and its secure-aggregation keys): it gets again
                // whatever it may have missed and answers repeats from its cache, byte for byte.
                resendRequest = asked.contains(site) && (!answers.containsKey(site) || maskedRound && !masked.contains(site));
                if (secagg != null) {
                    shares = routedShares.get(site); // the request carries the mask request again
                    unmaskRequest = awaiting == SecAggPart.Kind.UNMASK_REQUEST && !secaggReplies.containsKey(site)
                            ? roundUnmaskRequests.get(site) : null;
                }
            }
            if (wasGone != null) {
                progressLocked(request == null ? 0 : request.round(), request == null ? "offer" : request.step(),
                        "site " + site + " reconnected");
            }
        }
        if (resendOffer) {
            link.send(HubMessage.newBuilder().setOffer(offerMessage()).build());
        }
        if (askAdvertisement) {
            sendSecAgg(site, SecAggPart.Kind.ADVERTISE, 0, ByteString.EMPTY);
        }
        if (shares != null) {
            sendSecAgg(site, SecAggPart.Kind.ROUTED_SHARES, 0, shares);
        }
        if (resendRequest) {
            sendRequest(site);
        }
        if (unmaskRequest != null) {
            sendSecAgg(site, SecAggPart.Kind.UNMASK_REQUEST, round, unmaskRequest);
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

    /**
     * Waits on this job's monitor (held by the caller) until {@code done}, a failure reported by a
     * site (thrown), or the deadline; false on timeout. Every answer notifies the monitor.
     */
    private boolean awaitLocked(BooleanSupplier done, LongSupplier deadline)
            throws InterruptedException {
        while (failure == null && !done.getAsBoolean()) {
            long left = deadline.getAsLong() - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        if (failure != null) {
            throw new MedfedException(failure);
        }
        return true;
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
