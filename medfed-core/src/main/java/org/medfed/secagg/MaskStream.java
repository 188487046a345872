package org.medfed.secagg;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudorandom masks of one seed in one job: the ChaCha20 keystream (RFC 8439) under a key
 * derived (HKDF-SHA256) once per job from a 32-byte seed, the kind of mask (self or pairwise) and
 * the job id, with the round number as the nonce, read as 128-bit ring elements. The same seed,
 * kind, job and round always give the same mask, which is what lets masks cancel and lets the hub
 * recompute a dropped site's masks; another seed, kind or job gives an independent key, and
 * another round another nonce, so no keystream is ever used twice. A round's keystream may be up
 * to 2^32 blocks of 64 bytes (2^34 ring elements), far more than a Java array holds.
 *
 * <p>Why ChaCha20 and one key per job: the site masks a round with one keystream per other site,
 * a few calls per round, so the work runs in barely compiled code; there the JDK's ChaCha20 is
 * about three times faster than its AES-CTR (whose AES-NI intrinsic needs the optimizing JIT),
 * and deriving the key once per job instead of per round saves two HMACs and a cipher look-up per
 * keystream. The keystream is produced in 64 KiB chunks and folded into the accumulator straight
 * away, so the working set stays in cache however long the vector. Not thread-safe.
 */
public final class MaskStream {
    private static final int CHUNK_BYTES = 1 << 16;
    private static final byte[] ZEROS = new byte[CHUNK_BYTES];

    private final SecretKeySpec key;
    private Cipher cipher;
    private int lastRound;
    private byte[] buf;
    private long[] words;

    private MaskStream(byte[] key) {
        this.key = new SecretKeySpec(key, "ChaCha20");
    }

    /** The masks of {@code seed} in one job; {@code kind} separates self from pairwise masks. */
    public static MaskStream of(byte[] seed, String kind, String jobId) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("mask seeds are 32 bytes, got " + seed.length);
        }
        return new MaskStream(Kdf.derive(seed, new Transcript("medfed-secagg prg chacha20")
                .str(kind).str(jobId)));
    }

    /** acc += the round's mask (mod 2^128), over all of acc's elements. */
    public void addTo(int round, long[] acc) {
        apply(round, acc, true);
    }

    /** acc -= the round's mask (mod 2^128), over all of acc's elements. */
    public void subtractFrom(int round, long[] acc) {
        apply(round, acc, false);
    }

    /** The first {@code elements} ring elements of the round's mask. */
    public long[] elements(int round, int elements) {
        long[] out = new long[2 * elements];
        addTo(round, out);
        return out;
    }

    private Cipher start(int round) {
        if (round < 1) {
            throw new IllegalArgumentException("rounds are numbered from 1, got " + round);
        }
        byte[] nonce = new byte[12];
        nonce[8] = (byte) (round >>> 24);
        nonce[9] = (byte) (round >>> 16);
        nonce[10] = (byte) (round >>> 8);
        nonce[11] = (byte) round;
        try {
            // The JDK refuses to re-key one ChaCha20 object with the nonce it just used, as a guard
            // against keystream reuse; reading the same round again (the same mask, on purpose)
            // takes a fresh object.
            if (cipher == null || round == lastRound) {
                cipher = Cipher.getInstance("ChaCha20");
            }
            cipher.init(Cipher.ENCRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 unavailable in this JDK", e);
        }
        lastRound = round;
        return cipher;
    }

    private void apply(int round, long[] acc, boolean add) {
        Cipher c = start(round);
        int bytes = Math.min(CHUNK_BYTES, acc.length * 8);
        if (buf == null || buf.length < bytes) {
            buf = new byte[bytes];
            words = new long[bytes / 8];
        }
        int done = 0; // longs consumed
        while (done < acc.length) {
            int longs = Math.min(buf.length / 8, acc.length - done);
            try {
                c.update(ZEROS, 0, longs * 8, buf, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            // One bulk big-endian conversion, then plain long arithmetic: cheaper than reading each
            // word through a VarHandle when the loop is not (yet) compiled by the optimizing JIT.
            ByteBuffer.wrap(buf, 0, longs * 8).asLongBuffer().get(words, 0, longs);
            if (add) {
                addChunk(words, acc, done, longs);
            } else {
                subtractChunk(words, acc, done, longs);
            }
            done += longs;
        }
    }

    private static void addChunk(long[] mask, long[] acc, int from, int longs) {
        for (int j = 0; j < longs; j += 2) {
            int i = from + j;
            long mhi = mask[j];
            long mlo = mask[j + 1];
            long alo = acc[i + 1];
            long lo = alo + mlo;
            acc[i] = acc[i] + mhi + (Long.compareUnsigned(lo, alo) < 0 ? 1L : 0L);
            acc[i + 1] = lo;
        }
    }

    private static void subtractChunk(long[] mask, long[] acc, int from, int longs) {
        for (int j = 0; j < longs; j += 2) {
            int i = from + j;
            long mhi = mask[j];
            long mlo = mask[j + 1];
            long alo = acc[i + 1];
            acc[i] = acc[i] - mhi - (Long.compareUnsigned(alo, mlo) < 0 ? 1L : 0L);
            acc[i + 1] = alo - mlo;
        }
    }
}
