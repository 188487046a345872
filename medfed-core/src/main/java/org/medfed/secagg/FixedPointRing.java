package org.medfed.secagg;

/**
 * Exact fixed-point encoding of doubles in the ring Z_{2^128}, where masked sums are computed.
 *
 * <p><b>Encoding.</b> A value x becomes the signed 128-bit integer round(x &middot; 2^64) (round to
 * nearest, ties away from zero), stored two's-complement as two longs. A vector of n values is a
 * {@code long[2n]} with element i at {@code [2i]} (high word) and {@code [2i+1]} (low word).
 * Addition and subtraction are modulo 2^128, so masks wrap freely and cancel exactly.
 *
 * <p><b>Range.</b> The ring holds sums up to 2^63 in magnitude; this class keeps a factor two in
 * reserve and accepts only sums of magnitude at most {@link #SUM_BOUND} = 2^62 &asymp; 4.6e18. A
 * ring made for at most {@code maxSites} sites therefore refuses, at encoding, any value that is
 * NaN, infinite or larger in magnitude than the per-site bound 2^62 / maxSites (4.6e17 for 10
 * sites), naming the quantity, index and value; no sum of accepted values can wrap. Decoding
 * refuses a sum larger than (number of sites summed) &times; per-site bound, which catches a site
 * that sent an out-of-range ring element or masks that did not cancel (such garbage is uniform on
 * the ring and lands outside the bound with probability at least 1/2 per element).
 *
 * <p><b>Resolution and error.</b> Resolution is 2^-64 &asymp; 5.4e-20. Each site's value is off by
 * at most 2^-65 after encoding; the ring sum of the encodings is exact; decoding rounds once to
 * the nearest double. So for the exact real sum S of n sites' doubles, the decoded sum D obeys
 * |D &minus; S| &le; 2^-53 |S| + n &middot; 2^-65. The relative error is therefore at most 1e-12
 * whenever |S| &ge; n &middot; 2.8e-8 (2.8e-7 for 10 sites); smaller sums have the absolute
 * error n &middot; 2^-65 (2.7e-19 for 10 sites). Values of magnitude at least 2^-11 round-trip
 * exactly. This is never worse than the plain double sum, whose error grows with n &middot;
 * 2^-53 &middot; &Sigma;|x|.
 */
public final class FixedPointRing {
    /** Largest magnitude of a decoded sum: 2^62. */
    public static final double SUM_BOUND = 0x1p62;
    /** Weight of the least significant bit: values are scaled by 2^64. */
    public static final double RESOLUTION = 0x1p-64;

    private final int maxSites;
    private final double perSiteBound;

    /** A ring for sums over at most {@code maxSites} sites. */
    public FixedPointRing(int maxSites) {
        if (maxSites < 1 || maxSites > (1 << 20)) {
            throw new IllegalArgumentException("maxSites must be in 1..2^20, got " + maxSites);
        }
        this.maxSites = maxSites;
        this.perSiteBound = SUM_BOUND / maxSites;
    }

    public int maxSites() {
        return maxSites;
    }

    /** Largest magnitude one site may contribute per element: 2^62 / maxSites. */
    public double perSiteBound() {
        return perSiteBound;
    }

    /** Encodes a site's contribution; refuses NaN, infinities and values above the per-site bound. */
    public long[] encode(String quantity, double[] values) {
        long[] out = new long[2 * values.length];
        encodeInto(quantity, values, out, 0);
        return out;
    }

    /**
     * Encodes a site's contribution into {@code out} from ring element {@code element} on (words
     * {@code 2 * element} on), so that a round's quantities fill one vector without copies; refuses
     * NaN, infinities and values above the per-site bound.
     */
    public void encodeInto(String quantity, double[] values, long[] out, int element) {
        if (element < 0 || 2L * (element + (long) values.length) > out.length) {
            throw new IllegalArgumentException(values.length + " values do not fit from element " + element
                    + " into " + out.length / 2 + " ring elements");
        }
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            if (!(Math.abs(x) <= perSiteBound)) {
                throw new SecAggException("secure aggregation cannot encode quantity '" + quantity
                        + "' index " + i + ": value " + x + (Double.isNaN(x) || Double.isInfinite(x)
                        ? " is not finite"
                        : " exceeds the per-site bound " + perSiteBound + " (2^62 / " + maxSites
                                + " sites)"));
            }
            encodeOne(x, out, element + i);
        }
    }

    /**
     * Decodes a sum of {@code sites} encodings; refuses a sum outside what that many accepted
     * contributions can produce.
     */
    public double[] decode(String quantity, long[] sum, int sites) {
        double bound = sites * perSiteBound;
        double[] out = new double[sum.length / 2];
        for (int i = 0; i < out.length; i++) {
            double v = decodeOne(sum[2 * i], sum[2 * i + 1]);
            if (!(Math.abs(v) <= bound)) {
                throw new SecAggException("secure aggregation: quantity '" + quantity + "' index "
                        + i + " decodes to " + v + ", outside the range " + bound + " of a sum of "
                        + sites + " sites: masks did not cancel or a site sent an out-of-range value");
            }
            out[i] = v;
        }
        return out;
    }

    /** acc += y modulo 2^128, elementwise. */
    public static void addInto(long[] acc, long[] y) {
        checkSameLength(acc, y);
        for (int i = 0; i < acc.length; i += 2) {
            long a = acc[i + 1];
            long b = y[i + 1];
            long lo = a + b;
            acc[i] = acc[i] + y[i] + carry(a, b, lo);
            acc[i + 1] = lo;
        }
    }

    /** acc -= y modulo 2^128, elementwise. */
    public static void subtractInto(long[] acc, long[] y) {
        checkSameLength(acc, y);
        for (int i = 0; i < acc.length; i += 2) {
            long a = acc[i + 1];
            long b = y[i + 1];
            long lo = a - b;
            acc[i] = acc[i] - y[i] - borrow(a, b, lo);
            acc[i + 1] = lo;
        }
    }

    /**
     * The carry (0 or 1) out of the unsigned 64-bit sum {@code sum = a + b}, without a branch
     * (Hacker's Delight 2-13). Masked words are uniformly random, so a compare-and-branch would
     * mispredict half the time in the ring's hot loops.
     */
    static long carry(long a, long b, long sum) {
        return ((a & b) | ((a | b) & ~sum)) >>> 63;
    }

    /** The borrow (0 or 1) out of the unsigned 64-bit difference {@code diff = a - b}, without a branch. */
    static long borrow(long a, long b, long diff) {
        return ((~a & b) | (~(a ^ b) & diff)) >>> 63;
    }

    private static void checkSameLength(long[] a, long[] b) {
        if (a.length != b.length || (a.length & 1) != 0) {
            throw new IllegalArgumentException("ring vectors of lengths " + a.length + " and " + b.length);
        }
    }

    static void encodeOne(double x, long[] out, int i) {
        double a = Math.abs(x);
        int exp = Math.getExponent(a);
        long hi;
        long lo;
        if (a == 0 || exp <= -66) {
            // below 2^-65: rounds to zero (this also covers subnormals)
            hi = 0;
            lo = 0;
        } else {
            long m = (Double.doubleToRawLongBits(a) & 0xF_FFFF_FFFF_FFFFL) | (1L << 52);
            int k = exp + 12; // a * 2^64 = m * 2^(exp - 52 + 64)
            if (k >= 64) {
                hi = m << (k - 64);
                lo = 0;
            } else if (k > 0) {
                hi = m >>> (64 - k);
                lo = m << k;
            } else if (k == 0) {
                hi = 0;
                lo = m;
            } else {
                int s = -k; // 1..53
                hi = 0;
                lo = (m + (1L << (s - 1))) >>> s;
            }
        }
        if (x < 0) {
            long nlo = -lo;
            hi = ~hi + (lo == 0 ? 1 : 0);
            lo = nlo;
        }
        out[2 * i] = hi;
        out[2 * i + 1] = lo;
    }

    static double decodeOne(long hi, long lo) {
        boolean negative = hi < 0;
        if (negative) {
            long nlo = -lo;
            hi = ~hi + (lo == 0 ? 1 : 0);
            lo = nlo;
        }
        // (hi, lo) is now the unsigned magnitude, up to 2^127
        double magnitude;
        if (hi == 0 && lo >= 0) {
            magnitude = (double) lo; // a long converts with one correct rounding
        } else {
            int bits = hi != 0 ? 128 - Long.numberOfLeadingZeros(hi) : 64;
            int shift = bits - 62;
            long top;
            boolean sticky;
            if (shift >= 64) {
                top = hi >>> (shift - 64);
                sticky = lo != 0 || (hi & ((1L << (shift - 64)) - 1)) != 0;
            } else {
                top = (lo >>> shift) | (hi << (64 - shift));
                sticky = (lo & ((1L << shift) - 1)) != 0;
            }
            // 62 significant bits keep the round bit; folding the discarded bits into bit 0
            // keeps the single rounding of (double) correct
            magnitude = Math.scalb((double) (top | (sticky ? 1L : 0L)), shift);
        }
        double v = Math.scalb(magnitude, -64);
        return negative ? -v : v;
    }
}
