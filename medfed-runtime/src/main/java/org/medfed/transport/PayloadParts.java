package org.medfed.transport;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.method.Payload;
import org.medfed.transport.proto.LabelList;
import org.medfed.transport.proto.NumberChunk;

/**
 * Splits a {@link Payload} into message-sized parts and encodes its numbers as raw little-endian
 * doubles. gRPC refuses messages above its size limit (4 MB by default), and GWAS or FedAvg
 * rounds release tens of megabytes, so every payload travels as a sequence of parts of at most
 * {@link #DOUBLES_PER_PART} values; {@link PayloadAssembler} puts them back together.
 */
public final class PayloadParts {
    /** 256 Ki doubles = 2 MiB of values per message, well under gRPC's default 4 MiB limit. */
    public static final int DOUBLES_PER_PART = 1 << 18;

    private PayloadParts() {
    }

    /** One message's worth of a payload. Labels all travel in the first part. */
    public record Part(List<NumberChunk> numbers, List<LabelList> labels) {
    }

    /** The parts of a payload, in order; at least one part (possibly empty). */
    public static List<Part> split(Payload payload) {
        return split(payload, DOUBLES_PER_PART);
    }

    static List<Part> split(Payload payload, int doublesPerPart) {
        List<Part> parts = new ArrayList<>();
        List<NumberChunk> current = new ArrayList<>();
        List<LabelList> labels = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : payload.labels().entrySet()) {
            labels.add(LabelList.newBuilder().setName(e.getKey()).addAllValues(e.getValue()).build());
        }
        int room = doublesPerPart;
        for (Map.Entry<String, double[]> e : payload.numbers().entrySet()) {
            double[] v = e.getValue();
            int offset = 0;
            do {
                if (room == 0) {
                    parts.add(new Part(current, parts.isEmpty() ? labels : List.of()));
                    current = new ArrayList<>();
                    room = doublesPerPart;
                }
                int n = Math.min(room, v.length - offset);
                current.add(NumberChunk.newBuilder().setName(e.getKey()).setTotalLength(v.length).setOffset(offset)
                        .setValues(encode(v, offset, n)).build());
                offset += n;
                room -= n;
            } while (offset < v.length);
        }
        parts.add(new Part(current, parts.isEmpty() ? labels : List.of()));
        return parts;
    }

    static ByteString encode(double[] values, int offset, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values, offset, length);
        // The buffer is never written again, so protobuf may keep it without copying.
        return UnsafeByteOperations.unsafeWrap(buffer.array());
    }
}
