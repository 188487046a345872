package org.medfed.transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.medfed.secagg.MaskedInput;
import org.medfed.transport.proto.MaskedChunk;

/**
 * Reassembles one site's masked input for one round from the {@link MaskedChunk}s that
 * {@link WireFormat#contributionParts(String, int, org.medfed.method.Payload, MaskedInput)} made.
 * The chunks must form one sequence: the round's SUM quantities in name order, each from word 0
 * to its declared size without gaps or repeats. Because the hub knows every quantity's size from
 * its own request, it never allocates more than the round declared, whatever a site claims.
 * Anything else is a {@link ProtocolException} naming the site and the round.
 */
public final class MaskedInputAssembler {
    /**
     * The most numbers one round's masked input can carry per site: each site masks all of a
     * round's sums as one Java array of two 64-bit words per number, and a Java array holds at
     * most about 2^31 elements. A round that declares more can never be securely aggregated.
     */
    public static final int MAX_NUMBERS = (Integer.MAX_VALUE - 8) / 2;

    private final String job;
    private final int round;
    private final int maskRound;
    private final String site;
    private final List<String> names;
    private final List<Integer> words;
    private final Map<String, long[]> done = new LinkedHashMap<>();
    private int index;
    private long[] current;
    private int filled;
    private boolean failed;

    /**
     * @param round     the method's round, which errors name (the analyst knows it)
     * @param maskRound the secure-aggregation round the input belongs to (its mask request's
     *                  number, which differs from the method's round once a round had no sums)
     * @param lengths   the round's SUM quantities and their declared lengths (numbers, not
     *                  words), in name order
     */
    public MaskedInputAssembler(String job, int round, int maskRound, String site, SortedMap<String, Integer> lengths) {
        this.job = job;
        this.round = round;
        this.maskRound = maskRound;
        this.site = site;
        this.names = new ArrayList<>(lengths.keySet());
        this.words = new ArrayList<>(lengths.size());
        for (int n : lengths.values()) {
            words.add(2 * n);
        }
    }

    /** Adds one part's chunks; a protocol error if they do not continue the sequence. */
    public void add(List<MaskedChunk> chunks) {
        for (MaskedChunk c : chunks) {
            if (index == names.size()) {
                throw error("a chunk of '" + c.getName() + "' came after every sum of the round was complete");
            }
            String expected = names.get(index);
            if (!c.getName().equals(expected)) {
                throw error(names.contains(c.getName())
                        ? "a chunk of '" + c.getName() + "' came out of order (expected '" + expected + "' from word "
                                + filled + ")"
                        : "'" + c.getName() + "' is not a sum of this round");
            }
            int total = words.get(index);
            if (c.getTotalWords() != total) {
                throw error("'" + expected + "' has " + c.getTotalWords() + " words, but the round declares "
                        + total / 2 + " numbers (" + total + " words)");
            }
            if (c.getWords().size() % Long.BYTES != 0) {
                throw error("a chunk of '" + expected + "' holds " + c.getWords().size()
                        + " bytes, not a whole number of words");
            }
            if (c.getOffset() < filled) {
                throw error("a chunk of '" + expected + "' at word " + c.getOffset()
                        + " repeats words already received (expected word " + filled + ")");
            }
            if (c.getOffset() > filled) {
                throw error("a chunk of '" + expected + "' starts at word " + c.getOffset() + ", but words " + filled
                        + " to " + (c.getOffset() - 1) + " are missing or out of order");
            }
            int n = c.getWords().size() / Long.BYTES;
            if (n > total - filled) {
                throw error("a chunk of '" + expected + "' runs past its " + total + " words");
            }
            if (current == null) {
                current = new long[total];
            }
            c.getWords().asReadOnlyByteBuffer().asLongBuffer().get(current, filled, n); // big-endian
            filled += n;
            if (filled == total) {
                done.put(expected, current);
                current = null;
                filled = 0;
                index++;
            }
        }
    }

    /** Whether a chunk broke the sequence (the rest of this answer's chunks are then ignored). */
    public boolean failed() {
        return failed;
    }

    /** The whole masked input; a protocol error if any quantity is incomplete. */
    public MaskedInput build() {
        if (failed) {
            throw error("an earlier chunk was malformed");
        }
        if (index < names.size()) {
            throw error("the answer ended with '" + names.get(index) + "' at word " + filled + " of " + words.get(index)
                    + (index + 1 < names.size() ? " and " + (names.size() - index - 1) + " more sums missing" : "")
                    + " (chunks missing)");
        }
        return new MaskedInput(job, maskRound, site, done);
    }

    private ProtocolException error(String what) {
        failed = true;
        return new ProtocolException("site " + site + " sent a malformed masked input in round " + round + " of job "
                + job + ": " + what);
    }
}
