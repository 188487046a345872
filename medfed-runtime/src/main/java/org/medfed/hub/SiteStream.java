package org.medfed.hub;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.HashSet;
import org.medfed.method.Payload;
import org.medfed.pki.Identity;
import org.medfed.result.Version;
import org.medfed.transport.MaskedInputAssembler;
import org.medfed.transport.PayloadAssembler;
import org.medfed.transport.ProtocolException;
import org.medfed.transport.proto.ContributionPart;
import org.medfed.transport.proto.Heartbeat;
import org.medfed.transport.proto.HubMessage;
import org.medfed.transport.proto.SiteMessage;
import org.medfed.transport.proto.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's end of one site's stream: the first message must be the site's hello; after that it
 * routes heartbeats, job replies, contributions and refusals to the running jobs. The site's name
 * is its certificate's, never a field it sends.
 */
final class SiteStream implements StreamObserver<SiteMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(SiteStream.class);

    private final Identity caller;
    private final byte[] certificate;
    private final StreamObserver<HubMessage> out;
    private final SiteRegistry registry;
    private final Jobs jobs;
    private SiteLink link;

    SiteStream(Identity caller, byte[] certificate, StreamObserver<HubMessage> out, SiteRegistry registry, Jobs jobs) {
        this.caller = caller;
        this.certificate = certificate;
        this.out = out;
        this.registry = registry;
        this.jobs = jobs;
        // First message: lets the site verify this hub's certificate before it says anything.
        out.onNext(HubMessage.newBuilder().setReady(org.medfed.transport.proto.Ready.newBuilder()
                .setHub("medfed " + Version.current())).build());
    }

    @Override
    public void onNext(SiteMessage message) {
        try {
            if (link == null) {
                if (!message.hasHello()) {
                    throw new ProtocolException("site " + caller.name() + " must say hello first");
                }
                link = new SiteLink(caller.name(), registry.nextGeneration(), out, message.getHello().getDatasetsList(),
                        new HashSet<>(message.getHello().getActiveJobsList()), certificate);
                link.send(HubMessage.newBuilder().setWelcome(Welcome.newBuilder()
                        .setHub("medfed " + Version.current()).setSite(caller.name())).build());
                LOG.info("site {} connected with datasets {}", caller.name(),
                        message.getHello().getDatasetsList().stream().map(d -> d.getName()).toList());
                registry.attach(link);
                return;
            }
            link.heard();
            switch (message.getKindCase()) {
                case HEARTBEAT -> link.send(HubMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                        .setSentMillis(System.currentTimeMillis())).build());
                case REPLY -> {
                    JobRun run = jobs.get(message.getReply().getJob());
                    if (run != null) {
                        run.onReply(link.name(), message.getReply());
                    }
                }
                case CONTRIBUTION -> contribution(message.getContribution());
                case SECAGG -> {
                    JobRun run = jobs.get(message.getSecagg().getJob());
                    if (run != null) {
                        run.onSecAgg(link.name(), message.getSecagg());
                    }
                }
                case REFUSAL -> {
                    JobRun run = jobs.get(message.getRefusal().getJob());
                    if (run != null) {
                        run.onRefusal(link.name(), message.getRefusal().getRound(), message.getRefusal().getReason());
                    }
                }
                case HELLO -> throw new ProtocolException("site " + caller.name() + " said hello twice");
                default -> throw new ProtocolException("site " + caller.name() + " sent an unknown message");
            }
        } catch (ProtocolException e) {
            LOG.warn("closing the stream of site {}: {}", caller.name(), e.getMessage());
            if (link != null) {
                link.close(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
                registry.detach(link, e.getMessage());
            } else {
                out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            }
        }
    }

    private void contribution(ContributionPart part) {
        JobRun run = jobs.get(part.getJob());
        PayloadAssembler assembler = link.assembler(part.getJob(), part.getRound(),
                () -> run == null ? null : run.clearLengths(link.name(), part.getRound()));
        assembler.add(part.getNumbersList(), part.getLabelsList());
        MaskedInputAssembler masked = null;
        if (part.getMaskedCount() > 0 && run != null) {
            // Sized by the hub's own request, so a site cannot make the hub allocate more than the
            // round declared; chunks for a round that awaits none (a late resend) are ignored.
            masked = link.maskedAssembler(part.getJob(), part.getRound(),
                    () -> run.maskedInputAssembler(link.name(), part.getRound()));
            if (masked != null) {
                addMasked(run, masked, part);
            }
        }
        if (part.getLast()) {
            masked = link.assembled(part.getJob(), part.getRound());
            Payload values = assembler.build();
            if (run != null) {
                run.onNoise(link.name(), part.getRound(), part.getNoiseJson());
                if (!part.getMaskedInput().isEmpty()) { // a site of an earlier version: all in one field
                    run.onMaskedInput(link.name(), part.getRound(), part.getMaskedInput());
                } else {
                    if (masked == null) { // no chunk at all: if the round awaits some, they are missing
                        masked = run.maskedInputAssembler(link.name(), part.getRound());
                    }
                    if (masked != null && !masked.failed()) {
                        try {
                            run.onMaskedInput(link.name(), part.getRound(), masked.build());
                        } catch (ProtocolException e) {
                            run.onMalformedMaskedInput(link.name(), part.getRound(), e.getMessage());
                        }
                    }
                }
                run.onAnswer(link.name(), part.getRound(), values);
            }
        }
    }

    /**
     * A malformed masked input fails the job with the reason (site and round named) rather than
     * closing the stream: the site would only reconnect and send the same bytes again.
     */
    private void addMasked(JobRun run, MaskedInputAssembler masked, ContributionPart part) {
        if (masked.failed()) {
            return;
        }
        try {
            masked.add(part.getMaskedList());
        } catch (ProtocolException e) {
            LOG.warn("job {}: {}", part.getJob(), e.getMessage());
            run.onMalformedMaskedInput(link.name(), part.getRound(), e.getMessage());
        }
    }

    @Override
    public void onError(Throwable t) {
        if (link != null) {
            LOG.info("site {} disconnected: {}", link.name(), Status.fromThrowable(t));
            registry.detach(link, "connection lost: " + Status.fromThrowable(t).getCode());
        }
    }

    @Override
    public void onCompleted() {
        if (link != null) {
            LOG.info("site {} closed its connection", link.name());
            link.complete();
            registry.detach(link, "the site closed its connection");
        } else {
            out.onCompleted();
        }
    }
}
