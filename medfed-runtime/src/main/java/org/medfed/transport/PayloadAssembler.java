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
 * reported with the sender's name.
 */
public final class PayloadAssembler {
    private final String from;
    private final Map<String, double[]> numbers = new LinkedHashMap<>();
    private final Map<String, Integer> filled = new LinkedHashMap<>();
    private final Map<String, List<String>> labels = new LinkedHashMap<>();

    /** @param from who sends this payload, for error messages ("site b", "the hub") */
    public PayloadAssembler(String from) {
        this.from = from;
    }

    public void add(List<NumberChunk> chunks, List<LabelList> labelLists) {
        for (NumberChunk c : chunks) {
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
        for (Map.Entry<String, double[]> e : numbers.entrySet()) {
            if (filled.get(e.getKey()) != e.getValue().length) {
                throw new ProtocolException(from + " sent " + filled.get(e.getKey()) + " of "
                        + e.getValue().length + " values of '" + e.getKey() + "'");
            }
        }
        return new Payload(numbers, labels);
    }
}
