package org.medfed.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.protobuf.ByteString;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.medfed.data.Table;
import org.medfed.error.MedfedException;
import org.medfed.method.Aggregation;
import org.medfed.method.Contribution;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteHalf;
import org.medfed.methods.Invocation;
import org.medfed.privacy.dp.NoiseRequest;
import org.medfed.secagg.MaskRequest;
import org.medfed.secagg.MaskedInput;
import org.medfed.secagg.SecAggClient;
import org.medfed.secagg.SecAggConfig;
import org.medfed.site.JobTicket;
import org.medfed.site.NoiseNote;
import org.medfed.site.ReleaseGate;
import org.medfed.site.ReleasePolicy;
import org.medfed.site.SiteWorker;
import org.medfed.transport.MaskedInputAssembler;
import org.medfed.transport.PayloadAssembler;
import org.medfed.transport.SecAggWire;
import org.medfed.transport.WireFormat;
import org.medfed.transport.proto.ContributionPart;
import org.medfed.transport.proto.JobClosed;
import org.medfed.transport.proto.JobOffer;
import org.medfed.transport.proto.JobReply;
import org.medfed.transport.proto.Refusal;
import org.medfed.transport.proto.RequestPart;
import org.medfed.transport.proto.SecAggPart;
import org.medfed.transport.proto.SiteMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs a site takes part in: admits offers through the release gate (and, under manual
 * approval, waits for the operator), answers each round with the method's site half through the
 * gate, and refuses with a reason the analyst reads. The last answer of each job is kept, so a
 * request the hub resends after a reconnection is answered again without recomputing — and
 * without releasing anything new.
 */
final class SiteJobs {
    private static final ObjectMapper NOTES = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(SiteJobs.class);

    /** A job this site takes part in, while it runs. */
    private static final class ActiveJob {
        final JobTicket ticket;
        final String parametersJson;
        final Table table;
        final SiteHalf half;
        volatile boolean accepted;
        PayloadAssembler assembling;
        RequestPart header;
        int answeredRound = -1;
        List<ContributionPart> answer;
        SecAggClient secagg;
        ByteString advertisement; // this site's signed keys, sent with the acceptance (again if re-offered)
        final Map<Integer, MaskRequest> maskRequests = new ConcurrentHashMap<>();
        // The answered round's masked input, on its way into that round's answer parts (which a
        // reconnected site sends again, byte for byte, masked chunks included).
        MaskedInput maskedAnswer;
        // What else a reconnected site repeats: its unmasking answers, and whether it has its shares.
        final Map<Integer, ByteString> unmaskAnswers = new ConcurrentHashMap<>();
        boolean sharesReceived;
        // This site's secure-aggregation work for the job (CPU time of the threads doing it: on a
        // busy machine wall time would mostly measure other processes), logged when the job closes.
        long keyAgreementNanos;
        long maskingNanos;
        long unmaskingNanos;
        int maskedRounds;
        int unmaskingSteps;

        ActiveJob(JobTicket ticket, String parametersJson, Table table, SiteHalf half) {
            this.ticket = ticket;
            this.parametersJson = parametersJson;
            this.table = table;
            this.half = half;
        }
    }

    private final String site;
    private final Map<String, Table> datasets;
    private final ReleaseGate gate;
    private final SiteWorker worker;
    private final Approvals approvals;
    private final Predicate<SiteMessage> send;
    private final SecAggIdentity identity;
    private final Map<String, ActiveJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService compute = Executors.newCachedThreadPool(daemon("medfed-site-compute"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("medfed-site-approvals"));
    private volatile boolean closing;
    private volatile Consumer<Request> requestHook = r -> { };

    /** @param send sends a message to the hub; false when disconnected */
    SiteJobs(String site, Map<String, Table> datasets, ReleaseGate gate, Approvals approvals, Predicate<SiteMessage> send,
             SecAggIdentity identity) {
        this.identity = identity;
        this.site = site;
        this.datasets = new LinkedHashMap<>(datasets);
        this.gate = gate;
        this.worker = new SiteWorker(site, gate);
        this.approvals = approvals;
        this.send = send;
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }

    Map<String, Table> datasets() {
        return datasets;
    }

    /** Jobs this process holds (the hub resumes them after a reconnection). */
    Set<String> active() {
        return Set.copyOf(jobs.keySet());
    }

    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        jobs.forEach((id, j) -> out.put(id, j.ticket.method() + " on " + j.ticket.dataset()));
        return out;
    }

    void onRequest(Consumer<Request> hook) {
        this.requestHook = hook;
    }

    // ---- offers ----

    void offer(JobOffer offer) {
        compute.execute(() -> admit(offer));
    }

    private void admit(JobOffer offer) {
        String where = offer.getWhere().isBlank() ? null : offer.getWhere();
        ActiveJob job = jobs.get(offer.getJob());
        try {
            JobTicket ticket = new JobTicket(offer.getJob(), offer.getMethod(), offer.getDataset(), offer.getAnalyst(),
                    where, offer.getSitesList(), noise(offer.getNoise()));
            if (job == null) {
                Table table = datasets.get(offer.getDataset());
                if (table == null) {
                    throw new MedfedException("site " + site + " has no dataset '" + offer.getDataset() + "'");
                }
                Invocation<?> invocation = Invocation.parse(offer.getMethod(), offer.getParametersJson());
                worker.admit(ticket, offer.getSecureAggregation());
                job = new ActiveJob(ticket, offer.getParametersJson(), table, invocation.site());
                if (offer.getSecureAggregation()) {
                    job.secagg = new SecAggClient(new SecAggConfig(offer.getJob(),
                            offer.getSitesList(), offer.getSecaggThreshold()), site, identity.key(),
                            identity.verify(offer.getSitesList(), offer.getSiteCertificatesList()),
                            new SecureRandom());
                }
                jobs.put(offer.getJob(), job);
                LOG.info("site {}: job {} from {}: {} on {}{}", site, ticket.job(), ticket.analyst(), ticket.method(),
                        ticket.dataset(), where == null ? "" : " where " + where);
            }
            if (job.accepted || gate.policy().approval() == ReleasePolicy.Approval.AUTO) {
                accept(job);
            } else {
                awaitApproval(job);
            }
        } catch (MedfedException e) {
            jobs.remove(offer.getJob());
            refuse(offer.getJob(), 0, e.getMessage());
        }
    }

    private void accept(ActiveJob job) {
        job.accepted = true;
        send.test(SiteMessage.newBuilder().setReply(JobReply.newBuilder().setJob(job.ticket.job())
                .setDecision(JobReply.Decision.ACCEPTED)).build());
        if (job.secagg != null) {
            // The key advertisement goes with the acceptance: the hub needs no round trip to ask for it.
            ByteString advertisement;
            try {
                advertisement = advertisement(job);
            } catch (MedfedException e) { // e.g. an identity key it cannot sign with
                LOG.warn("site {}: job {}: secure aggregation: {}", site, job.ticket.job(), e.getMessage());
                refuse(job.ticket.job(), 0, "site " + site + " refused: secure aggregation: " + e.getMessage());
                return;
            }
            secagg(job.ticket.job(), 0, SecAggPart.Kind.ADVERTISE, advertisement);
        }
    }

    /** This site's key advertisement for the job, made once; a re-sent offer gets the same one. */
    private ByteString advertisement(ActiveJob job) {
        synchronized (job.secagg) {
            if (job.advertisement == null) {
                long t0 = cpuNanos();
                job.advertisement = SecAggWire.advertisement(job.secagg.advertise());
                job.keyAgreementNanos += cpuNanos() - t0;
            }
            return job.advertisement;
        }
    }

    private void awaitApproval(ActiveJob job) {
        var decision = approvals.decision(job.ticket, job.parametersJson);
        if (decision.isPresent()) {
            decide(job, decision.get());
            return;
        }
        approvals.pending(job.ticket, job.parametersJson);
        LOG.info("site {}: job {} waits for approval: medfed site approve {} --config ...", site, job.ticket.job(),
                job.ticket.job());
        send.test(SiteMessage.newBuilder().setReply(JobReply.newBuilder().setJob(job.ticket.job())
                .setDecision(JobReply.Decision.PENDING_APPROVAL)).build());
        timers.schedule(new Runnable() {
            @Override
            public void run() {
                if (jobs.get(job.ticket.job()) != job) {
                    return; // closed or failed meanwhile
                }
                try {
                    var d = approvals.decision(job.ticket, job.parametersJson);
                    if (d.isPresent()) {
                        decide(job, d.get());
                        return;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("site {}: checking the approval of job {}: {}", site, job.ticket.job(), e.getMessage());
                }
                if (!closing) {
                    timers.schedule(this, 300, TimeUnit.MILLISECONDS);
                }
            }
        }, 300, TimeUnit.MILLISECONDS);
    }

    private void decide(ActiveJob job, Approvals.Decision decision) {
        if (decision == Approvals.Decision.APPROVED) {
            accept(job);
        } else {
            jobs.remove(job.ticket.job());
            refuse(job.ticket.job(), 0, "site " + site + " refused: the site operator denied the job");
        }
    }

    // ---- rounds ----

    void request(RequestPart part) {
        ActiveJob job = jobs.get(part.getJob());
        if (job == null || !job.accepted) {
            refuse(part.getJob(), part.getRound(), "site " + site + " has no accepted job " + part.getJob()
                    + " (it may have restarted)");
            return;
        }
        synchronized (job) {
            if (job.assembling == null) {
                job.assembling = new PayloadAssembler("the hub");
                job.header = part;
            }
            job.assembling.add(part.getNumbersList(), part.getLabelsList());
            if (!part.getLast()) {
                return;
            }
            if (!part.getMaskRequest().isEmpty() && part.getRound() != job.answeredRound) {
                try {
                    job.maskRequests.put(part.getRound(), SecAggWire.maskRequest(part.getMaskRequest()));
                } catch (MedfedException e) {
                    job.assembling = null;
                    refuse(job.ticket.job(), part.getRound(), "site " + site + " refused: secure aggregation: "
                            + e.getMessage());
                    return;
                }
            }
        }
        compute.execute(() -> answer(job));
    }

    private void answer(ActiveJob job) {
        Request request;
        List<ContributionPart> parts;
        synchronized (job) {
            try {
                request = WireFormat.request(job.header, job.assembling.build());
            } catch (MedfedException e) {
                refuse(job.ticket.job(), job.header.getRound(), e.getMessage());
                return;
            } finally {
                job.assembling = null;
            }
            if (request.round() == job.answeredRound) {
                // A resend after a reconnection: the same answer, nothing new released.
                parts = job.answer; // with the masked input, if the round had one
            } else {
                try {
                    requestHook.accept(request);
                    Contribution c = worker.answer(job.ticket, job.table, job.half, request);
                    Payload clear = c.values();
                    job.maskedAnswer = null;
                    if (job.secagg != null && request.releases().stream()
                            .anyMatch(q -> q.aggregation() == Aggregation.SUM)) {
                        clear = maskSums(job, request, c.values());
                    }
                    // The masked sums follow the clear values, in as many parts as they need
                    // (a small round's in the same single message).
                    parts = withNoiseNotes(WireFormat.contributionParts(job.ticket.job(), request.round(), clear,
                            job.maskedAnswer), worker.gate().noiseNotes(job.ticket.job()), request.round());
                    job.answeredRound = request.round();
                    job.answer = parts;
                } catch (MedfedException e) {
                    refuse(job.ticket.job(), request.round(), e.getMessage());
                    return;
                } catch (RuntimeException e) {
                    LOG.error("site " + site + ": job " + job.ticket.job() + " round " + request.round() + " failed", e);
                    refuse(job.ticket.job(), request.round(), "site " + site + " failed in round " + request.round()
                            + ": internal error " + e);
                    return;
                }
            }
        }
        for (ContributionPart p : parts) {
            if (!send.test(SiteMessage.newBuilder().setContribution(p).build())) {
                return; // the hub resends the request when the site is back
            }
        }
    }

    /** The analyst's DP noise request from an offer; a refusal of the offer if it does not parse. */
    private NoiseRequest noise(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return NoiseRequest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MedfedException("site " + site + " cannot read the job's DP noise request: " + e.getMessage());
        }
    }

    /** Puts this round's noise notes (public facts about the noise) on the answer's last part. */
    private static List<ContributionPart> withNoiseNotes(List<ContributionPart> parts, List<NoiseNote> notes, int round) {
        ArrayNode array = NOTES.createArrayNode();
        notes.stream().filter(n -> n.round() == round).forEach(n -> array.add(n.toJson()));
        if (array.isEmpty()) {
            return parts;
        }
        List<ContributionPart> out = new ArrayList<>(parts);
        int last = out.size() - 1;
        out.set(last, out.get(last).toBuilder().setNoiseJson(array.toString()).build());
        return out;
    }

    /**
     * Masks the round's SUM quantities (the gate has already checked and audited them) into
     * {@code job.maskedAnswer}, which travels in MaskedChunks after the clear values, and returns
     * the rest, which travels in clear.
     */
    private Payload maskSums(ActiveJob job, Request request, Payload values) {
        MaskRequest mask = job.maskRequests.remove(request.round());
        if (mask == null) {
            throw new MedfedException("site " + site + ": the hub sent no mask request for round " + request.round()
                    + " of a securely aggregated job");
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        Payload.Builder clear = Payload.builder();
        for (var q : request.releases()) {
            switch (q.aggregation()) {
                case SUM -> sums.put(q.name(), values.number(q.name()));
                case UNION -> clear.put(q.name(), values.label(q.name()));
                default -> clear.put(q.name(), values.number(q.name()));
            }
        }
        long numbers = 0;
        for (double[] v : sums.values()) {
            numbers += v.length;
        }
        if (numbers > MaskedInputAssembler.MAX_NUMBERS) { // the hub refuses such a round first
            throw new MedfedException("site " + site + " cannot mask round " + request.round() + ": it sums " + numbers
                    + " numbers, more than secure aggregation carries in one round (" + MaskedInputAssembler.MAX_NUMBERS
                    + ")");
        }
        long t0 = cpuNanos();
        MaskedInput masked;
        synchronized (job.secagg) {
            masked = job.secagg.maskInput(mask, sums);
            job.maskingNanos += cpuNanos() - t0;
            job.maskedRounds++;
        }
        job.maskedAnswer = masked;
        return clear.build();
    }

    /** One step of secure aggregation, asked by the hub. */
    void secagg(SecAggPart part) {
        ActiveJob job = jobs.get(part.getJob());
        if (job == null || job.secagg == null) {
            refuse(part.getJob(), part.getRound(), "site " + site + " has no securely aggregated job " + part.getJob());
            return;
        }
        try {
            long t0 = cpuNanos();
            SecAggPart.Kind reply;
            ByteString body;
            // The client is one state machine per job; masking runs on a compute thread.
            synchronized (job.secagg) {
                switch (part.getKind()) {
                    case ADVERTISE -> { // the hub asks again (sites normally send it with their acceptance)
                        reply = SecAggPart.Kind.ADVERTISE;
                        body = advertisement(job);
                    }
                    case ADVERTISEMENTS -> {
                        reply = SecAggPart.Kind.SHARES;
                        body = SecAggWire.shares(job.secagg.shareKeys(SecAggWire.advertisements(part.getBody())));
                    }
                    case ROUTED_SHARES -> {
                        // No reply: the hub sends the first round's request right behind the shares
                        // (this stream's messages are handled in order); a refusal fails the job.
                        reply = null;
                        body = null;
                        if (!job.sharesReceived) { // a reconnected site may get them twice
                            job.secagg.receiveShares(SecAggWire.shares(part.getBody()));
                            job.sharesReceived = true;
                        }
                    }

                    case UNMASK_REQUEST -> {
                        reply = SecAggPart.Kind.UNMASK_RESPONSE;
                        ByteString earlier = job.unmaskAnswers.get(part.getRound());
                        body = earlier != null ? earlier // repeated after a reconnection: the same answer
                                : SecAggWire.unmaskResponse(job.secagg.unmask(SecAggWire.unmaskRequest(part.getBody())));
                        job.unmaskAnswers.put(part.getRound(), body);
                    }
                    default -> throw new MedfedException("unexpected secure-aggregation message " + part.getKind());
                }
                long spent = cpuNanos() - t0;
                switch (part.getKind()) {
                    case ADVERTISEMENTS, ROUTED_SHARES -> job.keyAgreementNanos += spent; // ADVERTISE counts itself
                    case UNMASK_REQUEST -> {
                        job.unmaskingNanos += spent;
                        job.unmaskingSteps++;
                    }
                    default -> { }
                }
            }
            if (reply != null) {
                secagg(part.getJob(), part.getRound(), reply, body);
            }
            if (part.getKind() == SecAggPart.Kind.ADVERTISEMENTS) {
                // While the hub gathers every site's shares and runs the schema round, derive the
                // pairwise mask keys, which would otherwise lengthen the first masked round.
                long t1 = cpuNanos();
                synchronized (job.secagg) {
                    job.secagg.preparePairMasks();
                    job.keyAgreementNanos += cpuNanos() - t1;
                }
            }
        } catch (MedfedException e) {
            LOG.warn("site {}: job {}: secure aggregation: {}", site, part.getJob(), e.getMessage());
            refuse(part.getJob(), part.getRound(), "site " + site + " refused: secure aggregation: " + e.getMessage());
        }
    }

    private void secagg(String job, int round, SecAggPart.Kind kind,
                        ByteString body) {
        send.test(SiteMessage.newBuilder().setSecagg(SecAggPart.newBuilder()
                .setJob(job).setRound(round).setKind(kind).setBody(body)).build());
    }

    void closed(JobClosed closed) {
        ActiveJob job = jobs.remove(closed.getJob());
        worker.finish(closed.getJob());
        approvals.done(closed.getJob());
        if (job != null) {
            LOG.info("site {}: job {} closed ({})", site, job.ticket.job(), closed.getStatus());
            if (job.secagg != null) {
                LOG.info("site {}: secure aggregation of job {}: key agreement {} ms, masking {} ms ({} rounds),"
                        + " unmasking {} ms ({} steps) of CPU time", site, job.ticket.job(), millis(job.keyAgreementNanos),
                        millis(job.maskingNanos), job.maskedRounds, millis(job.unmaskingNanos), job.unmaskingSteps);
            }
        }
    }

    /** CPU time of the current thread (wall time where the JVM cannot measure it). */
    private static long cpuNanos() {
        return CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private void refuse(String job, int round, String reason) {
        send.test(SiteMessage.newBuilder().setRefusal(Refusal.newBuilder().setJob(job).setRound(round).setReason(reason)).build());
    }

    void shutdown() {
        closing = true;
        compute.shutdownNow();
        timers.shutdownNow();
    }
}
