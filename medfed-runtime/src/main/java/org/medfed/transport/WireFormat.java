package org.medfed.transport;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medfed.method.Aggregation;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.secagg.MaskedInput;
import org.medfed.transport.proto.ContributionPart;
import org.medfed.transport.proto.MaskedChunk;
import org.medfed.transport.proto.NumberChunk;
import org.medfed.transport.proto.QuantityDecl;
import org.medfed.transport.proto.RequestPart;

/**
 * Converts the method contract's values (requests, quantities, payloads) to and from their wire
 * messages. The runtime uses these; methods never see protobuf.
 */
public final class WireFormat {
    private WireFormat() {
    }

    public static QuantityDecl quantity(Quantity q) {
        QuantityDecl.Builder b = QuantityDecl.newBuilder().setName(q.name())
                .setAggregation(org.medfed.transport.proto.Aggregation.valueOf(q.aggregation().name()))
                .setDescription(q.description());
        for (int d : q.shape()) {
            b.addShape(d);
        }
        return b.build();
    }

    public static Quantity quantity(QuantityDecl d) {
        int[] shape = d.getShapeList().stream().mapToInt(Integer::intValue).toArray();
        return new Quantity(d.getName(), shape, Aggregation.valueOf(d.getAggregation().name()), d.getDescription());
    }

    /** A request as one or more messages; only the first carries the step, releases and sites. */
    public static List<RequestPart> requestParts(String job, Request request) {
        List<PayloadParts.Part> parts = PayloadParts.split(request.parameters());
        List<RequestPart> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            RequestPart.Builder b = RequestPart.newBuilder().setJob(job).setRound(request.round())
                    .addAllNumbers(parts.get(i).numbers()).addAllLabels(parts.get(i).labels())
                    .setLast(i == parts.size() - 1);
            if (i == 0) {
                b.setStep(request.step()).setAllSites(request.sites() == null);
                request.releases().forEach(q -> b.addReleases(quantity(q)));
                if (request.sites() != null) {
                    b.addAllSites(request.sites().stream().sorted().toList());
                }
            }
            out.add(b.build());
        }
        return out;
    }

    /** Rebuilds a request from the header part and the assembled parameters. */
    public static Request request(RequestPart header, Payload parameters) {
        List<Quantity> releases = header.getReleasesList().stream().map(WireFormat::quantity).toList();
        Set<String> sites = header.getAllSites() ? null : new LinkedHashSet<>(header.getSitesList());
        return new Request(header.getRound(), header.getStep(), parameters, releases, sites);
    }

    /** A contribution's values as one or more messages. */
    public static List<ContributionPart> contributionParts(String job, int round, Payload values) {
        return contributionParts(job, round, values, null);
    }

    /**
     * A contribution's clear values and, in a securely aggregated round, its masked input, as one
     * or more messages. The masked words follow the clear numbers under the same budget per part
     * ({@link PayloadParts#DOUBLES_PER_PART} values or words, 2 MiB), so no message outgrows the
     * hub's limit however many numbers a round sums, and a small round still needs one message.
     *
     * @param masked the site's masked input, or null in a round without one
     */
    public static List<ContributionPart> contributionParts(String job, int round, Payload values, MaskedInput masked) {
        return contributionParts(job, round, values, masked, PayloadParts.DOUBLES_PER_PART);
    }

    static List<ContributionPart> contributionParts(String job, int round, Payload values, MaskedInput masked,
                                                    int valuesPerPart) {
        List<PayloadParts.Part> parts = PayloadParts.split(values, valuesPerPart);
        List<ContributionPart.Builder> out = new ArrayList<>(parts.size());
        for (PayloadParts.Part part : parts) {
            out.add(ContributionPart.newBuilder().setJob(job).setRound(round)
                    .addAllNumbers(part.numbers()).addAllLabels(part.labels()));
        }
        if (masked != null) {
            ContributionPart.Builder current = out.get(out.size() - 1);
            int room = valuesPerPart;
            for (NumberChunk c : parts.get(parts.size() - 1).numbers()) {
                room -= c.getValues().size() / Double.BYTES;
            }
            for (Map.Entry<String, long[]> q : masked.quantities().entrySet()) { // name order
                long[] words = q.getValue();
                int offset = 0;
                do { // at least one chunk, even for an empty quantity, so that the hub sees every sum
                    if (room == 0) {
                        current = ContributionPart.newBuilder().setJob(job).setRound(round);
                        out.add(current);
                        room = valuesPerPart;
                    }
                    int n = Math.min(room, words.length - offset);
                    current.addMasked(MaskedChunk.newBuilder().setName(q.getKey()).setTotalWords(words.length)
                            .setOffset(offset).setWords(words(words, offset, n)));
                    offset += n;
                    room -= n;
                } while (offset < words.length);
            }
        }
        List<ContributionPart> built = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            built.add(out.get(i).setLast(i == out.size() - 1).build());
        }
        return built;
    }

    /** Ring words as big-endian bytes, the byte order SecAggWire uses. */
    private static ByteString words(long[] words, int offset, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length * Long.BYTES);
        buffer.asLongBuffer().put(words, offset, length);
        // The buffer is never written again, so protobuf may keep it without copying.
        return UnsafeByteOperations.unsafeWrap(buffer.array());
    }
}
