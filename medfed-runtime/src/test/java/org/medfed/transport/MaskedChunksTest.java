package org.medfed.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.method.Payload;
import org.medfed.secagg.MaskedInput;
import org.medfed.transport.proto.ContributionPart;
import org.medfed.transport.proto.MaskedChunk;

/**
 * A site's masked input split over as many contribution parts as it needs and reassembled at the
 * hub exactly; every break of the chunk sequence is a protocol error naming site and round.
 */
class MaskedChunksTest {

    /** Quantities "a" (3 numbers), "b" (0), "c" (5): names in order, as the site masks them. */
    private static final SortedMap<String, Integer> LENGTHS = new TreeMap<>(Map.of("a", 3, "b", 0, "c", 5));

    private static MaskedInput masked(long seed, SortedMap<String, Integer> lengths) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, long[]> q = new LinkedHashMap<>();
        lengths.forEach((name, n) -> q.put(name, rnd.longs(2L * n).toArray()));
        return new MaskedInput("job-1", 3, "site2", q);
    }

    private static Payload clear(int values) {
        return Payload.builder().put("n", new double[values]).put("levels", List.of("x", "y")).build();
    }

    private static List<MaskedChunk> chunks(List<ContributionPart> parts) {
        List<MaskedChunk> out = new ArrayList<>();
        parts.forEach(p -> out.addAll(p.getMaskedList()));
        return out;
    }

    private static MaskedInputAssembler assembler() {
        return new MaskedInputAssembler("job-1", 4, 3, "site2", LENGTHS);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 16, 1 << 18})
    void splitAndAssembleIsExactAndNoPartExceedsItsBudget(int perPart) {
        for (int clearValues : new int[] {0, 1, 4, 11}) {
            MaskedInput in = masked(clearValues, LENGTHS);
            List<ContributionPart> parts = WireFormat.contributionParts("job-1", 4, clear(clearValues), in, perPart);
            MaskedInputAssembler back = assembler();
            PayloadAssembler clearBack = new PayloadAssembler("site2");
            for (int i = 0; i < parts.size(); i++) {
                ContributionPart p = parts.get(i);
                int values = p.getNumbersList().stream().mapToInt(c -> c.getValues().size() / 8).sum()
                        + p.getMaskedList().stream().mapToInt(c -> c.getWords().size() / 8).sum();
                assertTrue(values <= perPart, "part " + i + " holds " + values + " > " + perPart);
                assertEquals(i == parts.size() - 1, p.getLast());
                clearBack.add(p.getNumbersList(), p.getLabelsList());
                back.add(p.getMaskedList());
            }
            MaskedInput out = back.build();
            assertEquals(in.quantities().keySet(), out.quantities().keySet());
            in.quantities().forEach((name, words) -> assertArrayEquals(words, out.quantities().get(name), name));
            assertEquals("site2", out.site());
            assertEquals(3, out.round(), "the secure-aggregation round, not the method's");
            assertEquals(clearValues, clearBack.build().number("n").length);
        }
    }

    @Test
    void aSmallRoundStillNeedsOneMessage() {
        List<ContributionPart> parts = WireFormat.contributionParts("job-1", 4, clear(10), masked(1, LENGTHS));
        assertEquals(1, parts.size());
        assertEquals(3, parts.get(0).getMaskedCount());
    }

    @Test
    void aRoundLargerThanOneMessageSpansSeveralParts() {
        // 300,000 numbers = 600,000 words: three parts of at most 2^18 values or words (2 MiB).
        SortedMap<String, Integer> lengths = new TreeMap<>(Map.of("hist", 300_000));
        MaskedInput in = masked(2, lengths);
        List<ContributionPart> parts = WireFormat.contributionParts("job-1", 4, clear(5), in);
        assertEquals(3, parts.size());
        for (ContributionPart p : parts) {
            assertTrue(p.getSerializedSize() < (2 << 20) + 1024, "a part of " + p.getSerializedSize() + " bytes");
        }
        MaskedInputAssembler back = new MaskedInputAssembler("job-1", 4, 3, "site2", lengths);
        parts.forEach(p -> back.add(p.getMaskedList()));
        assertArrayEquals(in.quantities().get("hist"), back.build().quantities().get("hist"));
    }

    /** The chunks of LENGTHS one word at a time: a1 a1 ... (6 of a), one empty b, c (10 words). */
    private static List<MaskedChunk> oneWordChunks() {
        return chunks(WireFormat.contributionParts("job-1", 4, clear(0), masked(3, LENGTHS), 1));
    }

    private static String refusal(List<MaskedChunk> sequence) {
        MaskedInputAssembler a = assembler();
        ProtocolException e = assertThrows(ProtocolException.class, () -> {
            a.add(sequence);
            a.build();
        });
        assertTrue(a.failed());
        assertTrue(e.getMessage().startsWith("site site2 sent a malformed masked input in round 4 of job job-1: "),
                e.getMessage());
        return e.getMessage();
    }

    @Test
    void aDuplicatedChunkIsRefused() {
        List<MaskedChunk> c = new ArrayList<>(oneWordChunks());
        c.add(3, c.get(2));
        assertTrue(refusal(c).endsWith("a chunk of 'a' at word 2 repeats words already received (expected word 3)"));
    }

    @Test
    void aChunkOutOfOrderIsRefused() {
        List<MaskedChunk> c = new ArrayList<>(oneWordChunks());
        c.set(2, c.get(3));
        assertTrue(refusal(c).endsWith("a chunk of 'a' starts at word 3, but words 2 to 2 are missing or out of order"));
        List<MaskedChunk> swapped = new ArrayList<>(oneWordChunks());
        MaskedChunk firstOfC = swapped.remove(7);
        swapped.add(0, firstOfC);
        assertTrue(refusal(swapped).endsWith("a chunk of 'c' came out of order (expected 'a' from word 0)"));
    }

    @Test
    void missingChunksAreRefusedWhenTheAnswerEnds() {
        List<MaskedChunk> c = new ArrayList<>(oneWordChunks());
        c.remove(c.size() - 1);
        assertTrue(refusal(c).endsWith("the answer ended with 'c' at word 9 of 10 (chunks missing)"));
        assertTrue(refusal(List.of()).endsWith("the answer ended with 'a' at word 0 of 6 and 2 more sums missing"
                + " (chunks missing)"));
    }

    @Test
    void aWrongTotalSizeOrAnUndeclaredQuantityIsRefused() {
        List<MaskedChunk> c = new ArrayList<>(oneWordChunks());
        c.set(0, c.get(0).toBuilder().setTotalWords(1 << 30).build());
        assertTrue(refusal(c).endsWith("'a' has 1073741824 words, but the round declares 3 numbers (6 words)"));
        List<MaskedChunk> odd = new ArrayList<>(oneWordChunks());
        odd.set(0, odd.get(0).toBuilder().setWords(ByteString.copyFrom(new byte[5])).build());
        assertTrue(refusal(odd).endsWith("a chunk of 'a' holds 5 bytes, not a whole number of words"));
        List<MaskedChunk> past = new ArrayList<>(oneWordChunks());
        past.set(5, past.get(5).toBuilder().setWords(ByteString.copyFrom(new byte[16])).build());
        assertTrue(refusal(past).endsWith("a chunk of 'a' runs past its 6 words"));
        List<MaskedChunk> extra = new ArrayList<>(oneWordChunks());
        extra.add(0, MaskedChunk.newBuilder().setName("secret").setTotalWords(2).build());
        assertTrue(refusal(extra).endsWith("'secret' is not a sum of this round"));
        List<MaskedChunk> after = new ArrayList<>(oneWordChunks());
        after.add(after.get(after.size() - 1));
        assertTrue(refusal(after).endsWith("a chunk of 'c' came after every sum of the round was complete"));
    }

    @Test
    void theLegacySingleFieldEncodingStillReadsAndIsBoundedByItsBytes() {
        MaskedInput in = masked(5, LENGTHS);
        MaskedInput back = SecAggWire.maskedInput(SecAggWire.maskedInput(in));
        in.quantities().forEach((name, words) -> assertArrayEquals(words, back.quantities().get(name), name));
        // A length claiming far more words than the body holds is refused before anything is allocated.
        ByteString body = SecAggWire.maskedInput(new MaskedInput("job-1", 4, "site2", Map.of("a", new long[2])));
        byte[] raw = body.toByteArray();
        int at = raw.length - 16 - 4; // the length of 'a', right before its two words
        raw[at] = 0x7f;
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> SecAggWire.maskedInput(ByteString.copyFrom(raw)));
        assertTrue(e.getMessage().contains("malformed masked input"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
