package org.medfed.secagg;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudorandom masks of one seed in one job: the AES-256-CTR keystream (NIST SP 800-38A) under
 * a key derived (HKDF-SHA256) once per job from a 32-byte seed, the kind of mask (self or
 * pairwise) and the job id, read as 128-bit ring elements. The initial counter block is the round
 * number (4 bytes, big-endian) followed by a 96-bit block counter starting at zero, so a round's
 * keystream may be up to 2^96 blocks (far more than a Java array holds) without ever reaching
 * another round's counters. The same seed, kind, job and round always give the same mask, which
 * is what lets masks cancel and lets the hub recompute a dropped site's masks; another seed, kind
 * or job gives an independent key, and another round another counter range, so no keystream is
 * ever used twice.
 *
 * <p><b>Why AES-CTR, and why {@link #warmUp()}.</b> A site masks a round with one keystream per
 * other site; at 10 sites and 1,000 numbers that is 9 &times; 16 KB per round. Once HotSpot's
 * optimizing compiler has compiled the CTR loop, it uses the CPU's AES instructions (AES-NI, VAES)
 * and makes such a keystream in about 2 &micro;s (&asymp; 8 GB/s on the benchmark machine); the
 * JDK 17 ChaCha20, which has no such intrinsic, stays near 0.5 GB/s, and even a hand-written one
 * reaches only about as much. Before that compilation, though, AES-CTR runs at under 0.3 GB/s,
 * and a service would reach it only after many jobs' worth of masking. {@link #warmUp()} therefore
 * runs enough throwaway keystream at start-up (on a background thread of the hub and of each
 * site agent) that the first job already masks at full speed; nothing it computes is kept.
 *
 * <p>The keystream is produced in 64 KiB chunks and folded into the accumulator straight away, so
 * the working set stays in cache however long the vector. Not thread-safe.
 */
public final class MaskStream {
    private static final int CHUNK_BYTES = 1 << 16;
    private static final byte[] ZEROS = new byte[CHUNK_BYTES];
    private static final AtomicBoolean WARMED = new AtomicBoolean();

    private final SecretKeySpec key;
    private final Cipher cipher;
    private byte[] buf;
    private long[] words;

    private MaskStream(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        // Looked up now (tens of microseconds), so that a site that derives its pairwise masks
        // ahead of time (SecAggClient.preparePairMasks) does not pay for it in its first round.
        try {
            this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR unavailable in this JDK", e);
        }
    }

    /** The masks of {@code seed} in one job; {@code kind} separates self from pairwise masks. */
    public static MaskStream of(byte[] seed, String kind, String jobId) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("mask seeds are 32 bytes, got " + seed.length);
        }
        return new MaskStream(Kdf.derive(seed, new Transcript("medfed-secagg prg aes256-ctr")
                .str(kind).str(jobId)));
    }

    /**
     * Runs AES-CTR over throwaway data until HotSpot has compiled it with the AES intrinsic (see
     * the class comment); the first call does the work, later calls return at once. About 25 MB
     * of keystream in 512-byte calls: ≈ 0.1–0.3 s of one core, once per process. Call it from a
     * background thread at service start; masking is correct with or without it.
     */
    public static void warmUp() {
        if (!WARMED.compareAndSet(false, true)) {
            return;
        }
        MaskStream m = new MaskStream(new byte[32]);
        long[] acc = new long[64]; // 512 bytes: many short calls are what the JIT counts
        for (int round = 1; round <= 50_000; round++) {
            m.addTo(round, acc);
        }
    }

    /**
     * {@link #warmUp()} on a low-priority daemon thread, unless it has run or this JVM has no
     * optimizing compiler to warm (one-shot commands run with {@code -XX:TieredStopAtLevel=1}).
     * For the hub and the site agents, which mask for as long as they run.
     */
    public static void warmUpInBackground() {
        if (WARMED.get() || !optimizingCompilerEnabled()) {
            return;
        }
        Thread t = new Thread(MaskStream::warmUp, "medfed-secagg-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static boolean optimizingCompilerEnabled() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm == null || Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4
                    || !Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
        } catch (RuntimeException e) {
            return true; // not HotSpot: warming costs a fraction of a second at worst
        }
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
        byte[] counter = new byte[16];
        counter[0] = (byte) (round >>> 24);
        counter[1] = (byte) (round >>> 16);
        counter[2] = (byte) (round >>> 8);
        counter[3] = (byte) round;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR unavailable in this JDK", e);
        }
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

    // The carries are computed without branches (FixedPointRing.carry/borrow): a mask's low
    // words are random, so a compare-and-branch mispredicts half the time, which made this loop
    // five times slower than the keystream itself.
    private static void addChunk(long[] mask, long[] acc, int from, int longs) {
        for (int j = 0; j < longs; j += 2) {
            int i = from + j;
            long alo = acc[i + 1];
            long mlo = mask[j + 1];
            long lo = alo + mlo;
            acc[i] = acc[i] + mask[j] + FixedPointRing.carry(alo, mlo, lo);
            acc[i + 1] = lo;
        }
    }

    private static void subtractChunk(long[] mask, long[] acc, int from, int longs) {
        for (int j = 0; j < longs; j += 2) {
            int i = from + j;
            long alo = acc[i + 1];
            long mlo = mask[j + 1];
            long lo = alo - mlo;
            acc[i] = acc[i] - mask[j] - FixedPointRing.borrow(alo, mlo, lo);
            acc[i + 1] = lo;
        }
    }
}
