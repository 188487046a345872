package org.medfed.secagg;

import java.math.BigInteger;

/** One Shamir share: the point (x, f(x)) of the sharing polynomial over GF({@link Shamir#PRIME}). */
public record ShamirShare(int x, BigInteger y) {
    /** Bytes of a share's y in its fixed-length big-endian wire form (the prime has 257 bits). */
    public static final int Y_BYTES = 33;

    public ShamirShare {
        if (x < 1 || y.signum() < 0 || y.compareTo(Shamir.PRIME) >= 0) {
            throw new IllegalArgumentException("not a share: x=" + x);
        }
    }

    /** y as exactly {@link #Y_BYTES} big-endian bytes. */
    public byte[] yBytes() {
        byte[] raw = y.toByteArray();
        byte[] out = new byte[Y_BYTES];
        int n = Math.min(raw.length, Y_BYTES);
        System.arraycopy(raw, raw.length - n, out, Y_BYTES - n, n);
        return out;
    }

    public static ShamirShare of(int x, byte[] yBytes) {
        return new ShamirShare(x, new BigInteger(1, yBytes));
    }
}
