package org.medfed.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.method.Payload;
import org.medfed.transport.proto.LabelList;
import org.medfed.transport.proto.NumberChunk;

/**
 * Reassembles a payload from the parts {@link PayloadParts} made. Arrays keep the order in which
 * their first chunk arrived (the sender's insertion order). A malformed stream (a chunk outside
 * its array, overlapping or missing values, an array whose length changes) is a protocol error,
 * reported with the sender's name. Where the receiver knows what the payload may hold (the hub
 * knows the lengths its request declared), a chunk of an undeclared array or with another length
 * is refused before anything is allocated for it, so a sender cannot make the receiver allocate
 * more than it asked for.
 */
public final class PayloadAssembler {
    private final String from;
    private final Map<String, Integer> declared; // null: lengths unchecked
    private final boolean discard;
    private final Map<String, double[]> numbers = new LinkedHashMap<>();
    private final Map<String, Integer> filled = new LinkedHashMap<>();
    private final Map<String, List<String>> labels = new LinkedHashMap<>();

    /** @param from who sends this payload, for error messages ("site b", "the hub") */
    public PayloadAssembler(String from) {
        this(from, null, false);
    }

    private PayloadAssembler(String from, Map<String, Integer> declared, boolean discard) {
        this.from = from;
        this.declared = declared == null ? null : Map.copyOf(declared);
        this.discard = discard;
    }

    /** An assembler that accepts only arrays of these names and lengths. */
    public static PayloadAssembler declared(String from, Map<String, Integer> lengths) {
        return new PayloadAssembler(from, lengths, false);
    }

    /**
     * An assembler for a payload nobody awaits (a late resend of an earlier round): it keeps
     * nothing and {@link #build} gives the empty payload.
     */
    public static PayloadAssembler discarding(String from) {
        return new PayloadAssembler(from, Map.of(), true);
    }

    public void add(List<NumberChunk> chunks, List<LabelList> labelLists) {
        if (discard) {
            return;
        }
        for (NumberChunk c : chunks) {
            if (declared != null && !numbers.containsKey(c.getName())) {
                Integer length = declared.get(c.getName());
                if (length == null) {
                    throw new ProtocolException(from + " sent values of '" + c.getName() + "', which the request did not declare");
                }
                if (length != c.getTotalLength()) {
                    throw new ProtocolException(from + " sent '" + c.getName() + "' with " + c.getTotalLength()
                            + " values; the request declared " + length);
                }
            }
            double[] target = numbers.computeIfAbsent(c.getName(), k -> new double[checkedLength(c)]);
            int n = c.getValues().size() / Double.BYTES;
            if (target.length != c.getTotalLength() || c.getValues().size() % Double.BYTES != 0
                    || c.getOffset() < 0 || c.getOffset() + n > target.length) {
                throw new ProtocolException(from + " sent a malformed chunk of '" + c.getName() + "'");
            }
            ByteBuffer bytes = c.getValues().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            bytes.asDoubleBuffer().get(target, c.getOffset(), n);
            filled.merge(c.getName(), n, Integer::sum);
        }
        for (LabelList l : labelLists) {
            labels.put(l.getName(), new ArrayList<>(l.getValuesList()));
        }
    }

    private int checkedLength(NumberChunk c) {
        if (c.getTotalLength() < 0) {
            throw new ProtocolException(from + " sent a negative length for '" + c.getName() + "'");
        }
        return c.getTotalLength();
    }

    /** The whole payload; a protocol error if any array is incomplete. */
    public Payload build() {
        if (discard) {
            return Payload.EMPTY;
        }
        for (Map.Entry<String, double[]> e : numbers.entrySet()) {
            if (filled.get(e.getKey()) != e.getValue().length) {
                throw new ProtocolException(from + " sent " + filled.get(e.getKey()) + " of "
                        + e.getValue().length + " values of '" + e.getKey() + "'");
            }
        }
        return new Payload(numbers, labels);
    }
}
