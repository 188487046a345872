package org.medfed.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.transport.proto.NumberChunk;
import org.medfed.transport.proto.RequestPart;

/** Payloads survive the wire exactly, in parts of bounded size; malformed parts are refused. */
class PayloadPartsTest {

    private static Payload randomPayload(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Payload.Builder b = Payload.builder();
        int arrays = 1 + rnd.nextInt(5);
        for (int a = 0; a < arrays; a++) {
            double[] v = new double[rnd.nextInt(0, 40)];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (rnd.nextInt(6)) {
                    case 0 -> Double.NaN;
                    case 1 -> -0.0;
                    case 2 -> Double.MIN_VALUE;
                    case 3 -> Double.POSITIVE_INFINITY;
                    default -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-300, 300));
                };
            }
            b.put("a" + a, v);
        }
        b.put("labels", List.of("x", "", "ünïcødé"));
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 1 << 18})
    void splitAndAssembleIsExactToTheBit(int perPart) {
        for (long seed = 1; seed <= 20; seed++) {
            Payload p = randomPayload(seed);
            List<PayloadParts.Part> parts = PayloadParts.split(p, perPart);
            PayloadAssembler back = new PayloadAssembler("test");
            for (PayloadParts.Part part : parts) {
                int values = part.numbers().stream().mapToInt(c -> c.getValues().size() / 8).sum();
                assertTrue(values <= perPart, "part holds " + values + " > " + perPart);
                back.add(part.numbers(), part.labels());
            }
            Payload q = back.build();
            assertEquals(p.numbers().keySet(), q.numbers().keySet());
            for (String name : p.numbers().keySet()) {
                long[] a = java.util.Arrays.stream(p.number(name)).mapToLong(Double::doubleToRawLongBits).toArray();
                long[] c = java.util.Arrays.stream(q.number(name)).mapToLong(Double::doubleToRawLongBits).toArray();
                assertArrayEquals(a, c, name);
            }
            assertEquals(p.labels(), q.labels());
        }
    }

    @Test
    void largeArraysTravelInPartsUnderTheMessageLimit() {
        double[] big = new double[PayloadParts.DOUBLES_PER_PART * 2 + 5];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5;
        }
        List<PayloadParts.Part> parts = PayloadParts.split(Payload.builder().put("g", big).build());
        assertEquals(3, parts.size());
        PayloadAssembler back = new PayloadAssembler("test");
        parts.forEach(p -> back.add(p.numbers(), p.labels()));
        assertArrayEquals(big, back.build().number("g"));
    }

    @Test
    void incompleteOrOutOfRangeChunksAreProtocolErrors() {
        NumberChunk half = NumberChunk.newBuilder().setName("v").setTotalLength(4).setOffset(0)
                .setValues(PayloadParts.encode(new double[] {1, 2}, 0, 2)).build();
        PayloadAssembler a = new PayloadAssembler("site b");
        a.add(List.of(half), List.of());
        ProtocolException e = assertThrows(ProtocolException.class, a::build);
        assertEquals("site b sent 2 of 4 values of 'v'", e.getMessage());
        NumberChunk outside = NumberChunk.newBuilder().setName("v").setTotalLength(2).setOffset(1)
                .setValues(PayloadParts.encode(new double[] {1, 2}, 0, 2)).build();
        assertThrows(ProtocolException.class, () -> new PayloadAssembler("site b").add(List.of(outside), List.of()));
    }

    @Test
    void aReceiverThatKnowsTheDeclaredLengthsRefusesOthersBeforeAllocating() {
        PayloadAssembler a = PayloadAssembler.declared("site b", Map.of("rows", 1));
        NumberChunk huge = NumberChunk.newBuilder().setName("rows").setTotalLength(Integer.MAX_VALUE).setOffset(0)
                .setValues(PayloadParts.encode(new double[] {7}, 0, 1)).build();
        ProtocolException e = assertThrows(ProtocolException.class, () -> a.add(List.of(huge), List.of()));
        assertEquals("site b sent 'rows' with 2147483647 values; the request declared 1", e.getMessage());
        NumberChunk other = NumberChunk.newBuilder().setName("xtwx").setTotalLength(1).setOffset(0)
                .setValues(PayloadParts.encode(new double[] {7}, 0, 1)).build();
        e = assertThrows(ProtocolException.class, () -> a.add(List.of(other), List.of()));
        assertEquals("site b sent values of 'xtwx', which the request did not declare", e.getMessage());
        NumberChunk rows = NumberChunk.newBuilder().setName("rows").setTotalLength(1).setOffset(0)
                .setValues(PayloadParts.encode(new double[] {7}, 0, 1)).build();
        a.add(List.of(rows), List.of());
        assertArrayEquals(new double[] {7}, a.build().number("rows"));
        // Nobody awaits it: nothing is kept, whatever it claims.
        PayloadAssembler late = PayloadAssembler.discarding("site b");
        late.add(List.of(huge, other), List.of());
        assertEquals(Payload.EMPTY, late.build());
    }

    @Test
    void requestsRoundTripWithHeaderOnlyInTheFirstPart() {
        double[] beta = {0.1, -2.5e-300, Double.NaN};
        Request r = new Request(4, "iterate", Payload.builder().put("beta", beta).build(),
                List.of(Quantity.sum("xtwx", "information", 3, 3), Quantity.perSite("rows", "rows"),
                        Quantity.union("levels", "levels")), Set.of("b", "a"));
        List<RequestPart> parts = WireFormat.requestParts("job-1", r);
        assertEquals(1, parts.size());
        PayloadAssembler a = new PayloadAssembler("hub");
        parts.forEach(p -> a.add(p.getNumbersList(), p.getLabelsList()));
        Request back = WireFormat.request(parts.get(0), a.build());
        assertEquals(r.round(), back.round());
        assertEquals(r.step(), back.step());
        assertEquals(r.releases(), back.releases());
        assertEquals(r.sites(), back.sites());
        assertArrayEquals(beta, back.parameters().number("beta"));
        Request toAll = Request.toAll(1, "start", Payload.EMPTY, List.of());
        assertEquals(null, WireFormat.request(WireFormat.requestParts("j", toAll).get(0), Payload.EMPTY).sites());
    }
}
