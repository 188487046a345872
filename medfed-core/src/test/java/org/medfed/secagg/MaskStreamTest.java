package org.medfed.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class MaskStreamTest {

    private static byte[] seed(long s) {
        byte[] b = new byte[32];
        new SplittableRandom(s).nextBytes(b);
        return b;
    }

    @Test
    void sameSeedAndContextGiveTheSameMask() {
        long[] a = MaskStream.of(seed(1), "pair", "job", 3, "xtwx").elements(1000);
        long[] b = MaskStream.of(seed(1), "pair", "job", 3, "xtwx").elements(1000);
        assertArrayEquals(a, b);
    }

    @Test
    void anyChangeOfSeedOrContextGivesAnUnrelatedMask() {
        long[] base = MaskStream.of(seed(1), "pair", "job", 3, "xtwx").elements(64);
        long[][] others = {
            MaskStream.of(seed(2), "pair", "job", 3, "xtwx").elements(64),
            MaskStream.of(seed(1), "self", "job", 3, "xtwx").elements(64),
            MaskStream.of(seed(1), "pair", "job2", 3, "xtwx").elements(64),
            MaskStream.of(seed(1), "pair", "job", 4, "xtwx").elements(64),
            MaskStream.of(seed(1), "pair", "job", 3, "score").elements(64),
        };
        for (long[] o : others) {
            int equal = 0;
            for (int i = 0; i < base.length; i++) {
                equal += base[i] == o[i] ? 1 : 0;
            }
            assertEquals(0, equal);
        }
    }

    @Test
    void chunkedGenerationIsOneContinuousStream() {
        // 64 KiB chunks hold 4096 elements: compare across several chunk boundaries
        long[] longer = MaskStream.of(seed(3), "self", "job", 1, "q").elements(10_000);
        long[] shorter = MaskStream.of(seed(3), "self", "job", 1, "q").elements(4097);
        assertArrayEquals(shorter, Arrays.copyOf(longer, shorter.length));
        assertFalse(Arrays.equals(Arrays.copyOfRange(longer, 0, 8192), Arrays.copyOfRange(longer, 8192, 16384)));
    }

    @Test
    void subtractingTheMaskUndoesAddingIt() {
        SplittableRandom r = new SplittableRandom(4);
        long[] x = new long[2 * 5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextLong();
        }
        long[] y = x.clone();
        MaskStream m = MaskStream.of(seed(4), "pair", "job", 1, "q");
        m.addTo(y);
        assertFalse(Arrays.equals(x, y));
        m.subtractFrom(y);
        assertArrayEquals(x, y);
    }

    @Test
    void maskElementsAreUniformInTheirTopAndBottomBits() {
        long[] m = MaskStream.of(seed(5), "self", "job", 1, "q").elements(20_000);
        int[] top = new int[8];
        int[] low = new int[256];
        for (int i = 0; i < m.length; i += 2) {
            top[(int) (m[i] >>> 61)]++;
            low[(int) (m[i + 1] & 0xFF)]++;
        }
        assertTrue(chiSquarePValue(top) > 0.001);
        assertTrue(chiSquarePValue(low) > 0.001);
    }

    /** Upper-tail p-value of Pearson's chi-square test of equal bin probabilities. */
    static double chiSquarePValue(int[] counts) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        double expected = (double) total / counts.length;
        double stat = 0;
        for (int c : counts) {
            stat += (c - expected) * (c - expected) / expected;
        }
        return ChiSquaredDistribution.of(counts.length - 1).survivalProbability(stat);
    }
}
