package org.medfed.secagg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A pseudorandom mask: the AES-256-CTR keystream under a key derived (HKDF-SHA256) from a 32-byte
 * seed and a context (job, round, quantity, and whether it is a self or a pairwise mask), read as
 * 128-bit ring elements. The same seed and context always give the same mask, which is what lets
 * masks cancel and lets the hub recompute a dropped site's masks; distinct contexts give
 * independent keys, so a mask is never reused across rounds or quantities. Because each key is
 * used for one stream only, a zero IV is safe.
 *
 * <p>The keystream is produced in 64 KiB chunks and folded into the accumulator straight away, so
 * the working set stays in cache however long the vector.
 */
public final class MaskStream {
    private static final int CHUNK_BYTES = 1 << 16;
    private static final byte[] ZEROS = new byte[CHUNK_BYTES];
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * The context of a round's single keystream: sites mask all of a round's quantities as one
     * vector (names in sorted order). Quantity names are never empty, so this never collides.
     */
    public static final String ALL_QUANTITIES = "";

    private final byte[] key;

    private MaskStream(byte[] key) {
        this.key = key;
    }

    /** The mask for {@code seed} in one context; {@code kind} separates self from pairwise masks. */
    public static MaskStream of(byte[] seed, String kind, String jobId, int round, String quantity) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("mask seeds are 32 bytes, got " + seed.length);
        }
        return new MaskStream(Kdf.derive(seed, new Transcript("medfed-secagg prg")
                .str(kind).str(jobId).i32(round).str(quantity)));
    }

    /** acc += mask (mod 2^128), over all of acc's elements. */
    public void addTo(long[] acc) {
        apply(acc, true);
    }

    /** acc -= mask (mod 2^128), over all of acc's elements. */
    public void subtractFrom(long[] acc) {
        apply(acc, false);
    }

    /** The first {@code elements} ring elements of the mask. */
    public long[] elements(int elements) {
        long[] out = new long[2 * elements];
        addTo(out);
        return out;
    }

    private void apply(long[] acc, boolean add) {
        Cipher cipher;
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR unavailable in this JDK", e);
        }
        byte[] buf = new byte[Math.min(CHUNK_BYTES, acc.length * 8)];
        int done = 0; // longs consumed
        while (done < acc.length) {
            int longs = Math.min(buf.length / 8, acc.length - done);
            try {
                cipher.update(ZEROS, 0, longs * 8, buf, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            for (int j = 0; j < longs; j += 2) {
                int i = done + j;
                long mhi = (long) LONGS.get(buf, j * 8);
                long mlo = (long) LONGS.get(buf, j * 8 + 8);
                long alo = acc[i + 1];
                if (add) {
                    long lo = alo + mlo;
                    acc[i] = acc[i] + mhi + (Long.compareUnsigned(lo, alo) < 0 ? 1L : 0L);
                    acc[i + 1] = lo;
                } else {
                    long lo = alo - mlo;
                    acc[i] = acc[i] - mhi - (Long.compareUnsigned(alo, mlo) < 0 ? 1L : 0L);
                    acc[i + 1] = lo;
                }
            }
            done += longs;
        }
    }
}
