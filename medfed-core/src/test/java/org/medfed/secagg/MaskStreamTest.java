package org.medfed.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

class MaskStreamTest {

    private static byte[] seed(long s) {
        byte[] b = new byte[32];
        new SplittableRandom(s).nextBytes(b);
        return b;
    }

    @Test
    void sameSeedAndContextGiveTheSameMask() {
        long[] a = MaskStream.of(seed(1), "pair", "job").elements(3, 1000);
        long[] b = MaskStream.of(seed(1), "pair", "job").elements(3, 1000);
        assertArrayEquals(a, b);
        // one stream object reads any round again, in any order, with the same result
        MaskStream m = MaskStream.of(seed(1), "pair", "job");
        long[] r2 = m.elements(2, 1000);
        assertArrayEquals(a, m.elements(3, 1000));
        assertArrayEquals(a, m.elements(3, 1000));
        assertArrayEquals(r2, m.elements(2, 1000));
    }

    @Test
    void anyChangeOfSeedOrContextGivesAnUnrelatedMask() {
        long[] base = MaskStream.of(seed(1), "pair", "job").elements(3, 64);
        long[][] others = {
            MaskStream.of(seed(2), "pair", "job").elements(3, 64),
            MaskStream.of(seed(1), "self", "job").elements(3, 64),
            MaskStream.of(seed(1), "pair", "job2").elements(3, 64),
            MaskStream.of(seed(1), "pair", "job").elements(4, 64),
            MaskStream.of(seed(1), "pair", "job").elements(2, 64),
            MaskStream.of(seed(1), "pair", "job").elements(3 + (1 << 24), 64),
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
    void maskIsTheAes256CtrKeystreamOfTheJobKeyWithTheRoundInTheCounter() {
        // An independent AES (Bouncy Castle's engine, not the JDK's) over the documented counter
        // block: round (4 bytes, big-endian), then a 96-bit block counter from zero, keystream
        // read as big-endian (high word, low word) pairs. 300 elements cross 37 blocks.
        byte[] key = Kdf.derive(seed(7), new Transcript("medfed-secagg prg aes256-ctr").str("pair").str("job"));
        int round = 0x01020304;
        byte[] counter = {1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        StreamCipher ctr = SICBlockCipher.newInstance(AESEngine.newInstance());
        ctr.init(true, new ParametersWithIV(new KeyParameter(key), counter));
        byte[] stream = new byte[300 * 16];
        ctr.processBytes(new byte[stream.length], 0, stream.length, stream, 0);
        long[] expected = new long[600];
        ByteBuffer.wrap(stream).asLongBuffer().get(expected);
        assertArrayEquals(expected, MaskStream.of(seed(7), "pair", "job").elements(round, 300));
    }

    @Test
    void warmingUpChangesNoMask() {
        long[] before = MaskStream.of(seed(8), "self", "job").elements(2, 100);
        MaskStream.warmUp();
        MaskStream.warmUp();
        assertArrayEquals(before, MaskStream.of(seed(8), "self", "job").elements(2, 100));
    }

    @Test
    void roundsAreNumberedFromOne() {
        MaskStream m = MaskStream.of(seed(6), "self", "job");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.elements(0, 4));
    }

    @Test
    void chunkedGenerationIsOneContinuousStream() {
        // 64 KiB chunks hold 4096 elements: compare across several chunk boundaries
        long[] longer = MaskStream.of(seed(3), "self", "job").elements(1, 10_000);
        long[] shorter = MaskStream.of(seed(3), "self", "job").elements(1, 4097);
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
        MaskStream m = MaskStream.of(seed(4), "pair", "job");
        m.addTo(1, y);
        assertFalse(Arrays.equals(x, y));
        m.subtractFrom(1, y);
        assertArrayEquals(x, y);
        // the site adds, the hub subtracts with its own stream object
        m.addTo(2, y);
        MaskStream.of(seed(4), "pair", "job").subtractFrom(2, y);
        assertArrayEquals(x, y);
    }

    @Test
    void maskElementsAreUniformInTheirTopAndBottomBits() {
        long[] m = MaskStream.of(seed(5), "self", "job").elements(1, 20_000);
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
