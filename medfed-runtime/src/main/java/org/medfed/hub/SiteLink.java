package org.medfed.hub;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.medfed.transport.MaskedInputAssembler;
import org.medfed.transport.PayloadAssembler;
import org.medfed.transport.proto.DatasetSchema;
import org.medfed.transport.proto.HubMessage;

/**
 * One live connection from a site agent: the site's name (from its certificate), the datasets it
 * announced, and the stream down which the hub sends it offers and requests. A site that
 * reconnects gets a new link; the old one is closed.
 */
final class SiteLink {
    private final String name;
    private final long generation;
    private final StreamObserver<HubMessage> out;
    private final List<DatasetSchema> datasets;
    private final Set<String> activeJobs;
    private final Instant connectedSince = Instant.now();
    private volatile long lastHeard = System.nanoTime();
    private volatile Instant lastHeartbeat = Instant.now();
    private volatile boolean open = true;
    /** Contributions being reassembled, by job and round. */
    private final Map<String, PayloadAssembler> assembling = new HashMap<>();
    /**
     * Masked inputs being reassembled, by job and round. They live and die with the link: a site
     * that reconnects sends its whole answer again, and the new link assembles it from the start.
     */
    private final Map<String, MaskedInputAssembler> maskedAssembling = new HashMap<>();

    private final byte[] certificate;

    SiteLink(String name, long generation, StreamObserver<HubMessage> out, List<DatasetSchema> datasets, Set<String> activeJobs,
             byte[] certificate) {
        this.certificate = certificate;
        this.name = name;
        this.generation = generation;
        this.out = out;
        this.datasets = List.copyOf(datasets);
        this.activeJobs = Set.copyOf(activeJobs);
    }

    String name() {
        return name;
    }

    /** The site's verified certificate (DER), which other sites use to check its key advertisements. */
    byte[] certificate() {
        return certificate.clone();
    }

    long generation() {
        return generation;
    }

    List<DatasetSchema> datasets() {
        return datasets;
    }

    boolean offers(String dataset) {
        return datasets.stream().anyMatch(d -> d.getName().equals(dataset));
    }

    /** Jobs whose state the site process still held when it (re)connected. */
    boolean holds(String job) {
        return activeJobs.contains(job);
    }

    Instant connectedSince() {
        return connectedSince;
    }

    Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    void heard() {
        lastHeard = System.nanoTime();
        lastHeartbeat = Instant.now();
    }

    long silentNanos() {
        return System.nanoTime() - lastHeard;
    }

    boolean isOpen() {
        return open;
    }

    /** Sends a message; false if the link is closed or the send failed (the site is then treated as gone). */
    synchronized boolean send(HubMessage message) {
        if (!open) {
            return false;
        }
        try {
            out.onNext(message);
            return true;
        } catch (RuntimeException e) {
            open = false;
            return false;
        }
    }

    /** Closes the stream with a status the site agent logs (it will reconnect). */
    synchronized void close(Status status) {
        if (!open) {
            return;
        }
        open = false;
        try {
            out.onError(status.asRuntimeException());
        } catch (RuntimeException ignored) {
            // the stream is already gone
        }
    }

    /** Ends the stream normally (the site said goodbye). */
    synchronized void complete() {
        if (!open) {
            return;
        }
        open = false;
        try {
            out.onCompleted();
        } catch (RuntimeException ignored) {
            // the stream is already gone
        }
    }

    /** Marks the link closed after the site's side ended it. */
    synchronized void closedByPeer() {
        open = false;
    }

    /**
     * The clear values of (job, round) being reassembled; {@code declared} gives, at the first
     * part, the lengths the hub's request declared for them, or null when the hub awaits no such
     * answer (its values are then dropped as they come). {@code declared} asks the job, so it is
     * called outside this link's lock: the link never waits for a job while holding it.
     */
    PayloadAssembler assembler(String job, int round, Supplier<Map<String, Integer>> declared) {
        String key = job + "#" + round;
        synchronized (this) {
            PayloadAssembler a = assembling.get(key);
            if (a != null) {
                return a;
            }
        }
        Map<String, Integer> lengths = declared.get();
        PayloadAssembler fresh = lengths == null ? PayloadAssembler.discarding("site " + name)
                : PayloadAssembler.declared("site " + name, lengths);
        synchronized (this) {
            return assembling.computeIfAbsent(key, k -> fresh);
        }
    }

    /**
     * The masked input of (job, round) being reassembled; made with {@code start} at its first
     * chunk, which returns null when the round is not awaiting one (the chunks are then ignored).
     */
    MaskedInputAssembler maskedAssembler(String job, int round, Supplier<MaskedInputAssembler> start) {
        String key = job + "#" + round;
        synchronized (this) {
            MaskedInputAssembler a = maskedAssembling.get(key);
            if (a != null) {
                return a;
            }
        }
        MaskedInputAssembler fresh = start.get(); // asks the job: outside this link's lock
        if (fresh == null) {
            return null;
        }
        synchronized (this) {
            return maskedAssembling.computeIfAbsent(key, k -> fresh);
        }
    }

    /** Ends the reassembly of (job, round); returns its masked input's assembler, if it had one. */
    synchronized MaskedInputAssembler assembled(String job, int round) {
        assembling.remove(job + "#" + round);
        return maskedAssembling.remove(job + "#" + round);
    }
}
