package org.medfed.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedPointRingTest {
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    /** A value log-uniform in magnitude between 1e-6 and 1e12, with a random sign. */
    static double wideRange(SplittableRandom r) {
        double x = Math.pow(10, r.nextDouble(-6, 12));
        return r.nextBoolean() ? x : -x;
    }

    static BigInteger asBig(long hi, long lo) {
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }

    @Test
    void branchFreeCarryAndBorrowAgreeWithUnsignedComparison() {
        long[] edges = {0, 1, 2, -1, -2, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};
        SplittableRandom r = new SplittableRandom(21);
        long[] values = new long[edges.length + 200];
        System.arraycopy(edges, 0, values, 0, edges.length);
        for (int i = edges.length; i < values.length; i++) {
            values[i] = r.nextLong();
        }
        for (long a : values) {
            for (long b : values) {
                long sum = a + b;
                long diff = a - b;
                assertEquals(Long.compareUnsigned(sum, a) < 0 ? 1L : 0L, FixedPointRing.carry(a, b, sum), a + " + " + b);
                assertEquals(Long.compareUnsigned(a, b) < 0 ? 1L : 0L, FixedPointRing.borrow(a, b, diff), a + " - " + b);
            }
        }
        // and through the 128-bit helpers: (x + y) - y == x for words at every carry boundary
        long[] x = new long[2 * values.length];
        long[] y = new long[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            x[2 * i] = values[values.length - 1 - i];
            x[2 * i + 1] = values[i];
            y[2 * i] = values[i];
            y[2 * i + 1] = values[(i * 7) % values.length];
        }
        long[] acc = x.clone();
        FixedPointRing.addInto(acc, y);
        for (int i = 0; i < values.length; i++) {
            BigInteger expected = u128(x[2 * i], x[2 * i + 1]).add(u128(y[2 * i], y[2 * i + 1])).mod(BigInteger.ONE.shiftLeft(128));
            assertEquals(expected, u128(acc[2 * i], acc[2 * i + 1]));
        }
        FixedPointRing.subtractInto(acc, y);
        assertArrayEquals(x, acc);
    }

    private static BigInteger u128(long hi, long lo) {
        return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }

    @Test
    void valuesOfMagnitudeAtLeastTwoToMinusElevenRoundTripExactly() {
        FixedPointRing ring = new FixedPointRing(1);
        SplittableRandom r = new SplittableRandom(1);
        double[] x = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            double m = Math.scalb(1 + r.nextDouble(), r.nextInt(-11, 61));
            x[i] = r.nextBoolean() ? m : -m;
        }
        double[] back = ring.decode("x", ring.encode("x", x), 1);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back[i], 0.0, "index " + i);
        }
    }

    @Test
    void encodingIsRoundToNearestAtResolutionTwoToMinusSixtyFour() {
        FixedPointRing ring = new FixedPointRing(1);
        double[] x = {0.0, -0.0, 0x1p-64, 0x1p-65, -0x1p-65, 0x1.8p-65, 0x1p-66, 1e-30, Double.MIN_VALUE,
            1.0, -1.0, 0x1p62, -0x1p62, 1e-10, -3.0e-19};
        long[] enc = ring.encode("x", x);
        BigDecimal scale = new BigDecimal(BigInteger.ONE.shiftLeft(64));
        for (int i = 0; i < x.length; i++) {
            BigInteger k = asBig(enc[2 * i], enc[2 * i + 1]);
            BigDecimal exact = new BigDecimal(x[i]).multiply(scale);
            assertTrue(new BigDecimal(k).subtract(exact).abs().compareTo(new BigDecimal("0.5")) <= 0,
                    "x=" + x[i] + " encoded as " + k);
        }
        assertEquals(BigInteger.ONE, asBig(enc[4], enc[5]));
        assertEquals(BigInteger.ONE, asBig(enc[6], enc[7]), "ties round away from zero");
        assertEquals(BigInteger.ONE.negate(), asBig(enc[8], enc[9]));
        assertEquals(BigInteger.ZERO, asBig(enc[12], enc[13]));
        double[] back = ring.decode("x", enc, 1);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back[i], 0x1p-65, "index " + i);
        }
    }

    @Test
    void ringAdditionAndSubtractionAreModuloTwoTo128() {
        SplittableRandom r = new SplittableRandom(2);
        long[] a = new long[2000];
        long[] b = new long[2000];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(4) == 0 ? -1L : r.nextLong();
            b[i] = r.nextInt(4) == 0 ? 1L : r.nextLong();
        }
        long[] sum = a.clone();
        FixedPointRing.addInto(sum, b);
        long[] diff = a.clone();
        FixedPointRing.subtractInto(diff, b);
        for (int i = 0; i < a.length; i += 2) {
            BigInteger x = asBig(a[i], a[i + 1]);
            BigInteger y = asBig(b[i], b[i + 1]);
            assertEquals(x.add(y).mod(TWO_128), asBig(sum[i], sum[i + 1]).mod(TWO_128));
            assertEquals(x.subtract(y).mod(TWO_128), asBig(diff[i], diff[i + 1]).mod(TWO_128));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10, 100})
    void sumOfEncodingsIsTheExactSumWithinTheStatedBound(int sites) {
        FixedPointRing ring = new FixedPointRing(sites);
        SplittableRandom r = new SplittableRandom(sites);
        int len = 5000;
        long[] acc = new long[2 * len];
        BigDecimal[] exact = new BigDecimal[len];
        java.util.Arrays.fill(exact, BigDecimal.ZERO);
        for (int s = 0; s < sites; s++) {
            double[] x = new double[len];
            for (int i = 0; i < len; i++) {
                x[i] = wideRange(r);
                exact[i] = exact[i].add(new BigDecimal(x[i]));
            }
            FixedPointRing.addInto(acc, ring.encode("x", x));
        }
        double[] d = ring.decode("x", acc, sites);
        for (int i = 0; i < len; i++) {
            assertWithinGuarantee(exact[i], d[i], sites, "index " + i);
        }
    }

    /** |D - S| <= 2^-53 |S| + n 2^-65, and so <= 1e-12 |S| whenever |S| >= n * 2.8e-8. */
    static void assertWithinGuarantee(BigDecimal exact, double decoded, int sites, String what) {
        BigDecimal err = new BigDecimal(decoded).subtract(exact).abs();
        BigDecimal bound = exact.abs().multiply(new BigDecimal(0x1p-53))
                .add(new BigDecimal(sites * 0x1p-65));
        assertTrue(err.compareTo(bound) <= 0, what + ": error " + err + " > " + bound);
        double s = exact.doubleValue();
        if (Math.abs(s) >= sites * 2.8e-8) {
            assertTrue(err.doubleValue() <= 1e-12 * Math.abs(s), what + ": relative error above 1e-12");
        }
    }

    @Test
    void crossProductsOfAMillionRowsSumToTheDoubleSumWithin1e12() {
        int sites = 5;
        int rowsPerSite = 200_000;
        int p = 10;
        FixedPointRing ring = new FixedPointRing(sites);
        SplittableRandom r = new SplittableRandom(7);
        long[] acc = new long[2 * p * p];
        double[] plain = new double[p * p];
        BigDecimal[] exact = new BigDecimal[p * p];
        java.util.Arrays.fill(exact, BigDecimal.ZERO);
        double[] scales = {1, 50, 1e4, 1e-3, 1, 3e5, 0.1, 1, 7, 1e2};
        for (int s = 0; s < sites; s++) {
            double[] xtwx = new double[p * p];
            double[] row = new double[p];
            for (int n = 0; n < rowsPerSite; n++) {
                for (int j = 0; j < p; j++) {
                    row[j] = j == 0 ? 1 : scales[j] * (r.nextDouble() * 2 - 0.5);
                }
                double mu = r.nextDouble();
                double w = mu * (1 - mu);
                for (int j = 0; j < p; j++) {
                    double wj = w * row[j];
                    for (int k = 0; k < p; k++) {
                        xtwx[j * p + k] += wj * row[k];
                    }
                }
            }
            FixedPointRing.addInto(acc, ring.encode("xtwx", xtwx));
            for (int i = 0; i < p * p; i++) {
                plain[i] += xtwx[i];
                exact[i] = exact[i].add(new BigDecimal(xtwx[i]));
            }
        }
        double[] d = ring.decode("xtwx", acc, sites);
        for (int i = 0; i < p * p; i++) {
            assertWithinGuarantee(exact[i], d[i], sites, "xtwx[" + i + "]");
            assertEquals(plain[i], d[i], 1e-12 * Math.abs(plain[i]), "xtwx[" + i + "] vs the double sum");
        }
    }

    @Test
    void nonFiniteAndOutOfRangeValuesAreRefusedNamingQuantityAndIndex() {
        FixedPointRing ring = new FixedPointRing(10);
        assertEquals(0x1p62 / 10, ring.perSiteBound());
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 5e17, -1e300}) {
            SecAggException e = assertThrows(SecAggException.class,
                    () -> ring.encode("xtwx", new double[] {1, 2, bad}));
            assertTrue(e.getMessage().contains("'xtwx' index 2"), e.getMessage());
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        ring.encode("ok", new double[] {4e17, -4e17});
    }

    @Test
    void decodingRefusesASumOutsideWhatTheSitesCouldProduce() {
        FixedPointRing ring = new FixedPointRing(10);
        long[] one = ring.encode("q", new double[] {4e17, 0});
        long[] sum = one.clone();
        for (int i = 0; i < 3; i++) {
            FixedPointRing.addInto(sum, one);
        }
        assertEquals(1.6e18, ring.decode("q", sum, 4)[0], 0.0);
        SecAggException e = assertThrows(SecAggException.class, () -> ring.decode("q", sum, 3));
        assertTrue(e.getMessage().contains("'q' index 0"), e.getMessage());
        long[] garbage = {Long.MIN_VALUE, 0, 0x4000_0000_0000_0000L, 1};
        assertThrows(SecAggException.class, () -> ring.decode("q", garbage, 10));
    }
}
