package org.medfed.site;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.medfed.error.MedfedException;
import org.medfed.io.DurableFiles;

/**
 * The differencing guard's memory: for each analyst and dataset, every distinct set of table rows
 * that a released value of theirs was computed from. A new subset is allowed when it equals a
 * stored one (re-running an analysis reveals nothing new) or differs from every stored one by at
 * least the policy's minimum rows; otherwise the classic attack (a mean over all rows, then over
 * all but one) would reveal a person.
 *
 * <p>The check is pairwise: three or more subsets, each far enough from the others, can still be
 * combined (A − B − C + D) to isolate a few rows. Bounding that needs noise (differential
 * privacy), not a filter.
 *
 * <p>On disk (under the site's {@code state_dir}): {@code subsets/<sha256(analyst NUL dataset)>/}
 * holds {@code owner.txt} (the analyst and dataset, for the operator) and one
 * {@code <sha256 of the bits>.subset} file per distinct subset: magic {@code MFSS}, version 1,
 * the sequence number, the job that first used it, the number of rows, and the row bit set
 * ({@link BitSet#toByteArray()}: bit i = table row i, about one byte per eight table rows). Files
 * are forced to disk under a temporary name and moved into place, so a crash leaves whole files only. Row
 * positions refer to the dataset as the site loaded it: an operator who replaces a dataset's
 * rows should remove its subsets folder (the guard then starts afresh).
 */
public final class SubsetStore {
    private static final int MAGIC = 0x4D465353; // "MFSS"
    private static final int VERSION = 1;

    /** One distinct subset that values already left the site for. */
    private record Stored(long seq, String job, BitSet rows, int size) {
    }

    private final Path dir;
    private final Map<String, List<Stored>> byKey = new HashMap<>();

    private SubsetStore(Path dir) {
        this.dir = dir;
    }

    /** Subsets kept in this process only (the simulator and tests). */
    public static SubsetStore inMemory() {
        return new SubsetStore(null);
    }

    /** Subsets kept in {@code dir} (created when first needed), surviving restarts. */
    public static SubsetStore inDirectory(Path dir) {
        return new SubsetStore(dir);
    }

    /**
     * Checks {@code rows} against every subset stored for this analyst and dataset and, when it
     * passes and is new, records it for {@code job}, atomically (two jobs of one analyst cannot
     * both pass against each other unseen). Returns why the subset is refused, or null.
     *
     * @param minDifference the fewest rows by which two distinct subsets must differ
     */
    public synchronized String admit(String analyst, String dataset, String job, BitSet rows, int minDifference) {
        String key = key(analyst, dataset);
        List<Stored> stored = load(key);
        Stored nearest = null;
        int nearestDifference = Integer.MAX_VALUE;
        for (Stored s : stored) {
            if (s.rows.equals(rows)) {
                return null; // the same rows as before: nothing new to learn by differencing
            }
            BitSet diff = (BitSet) s.rows.clone();
            diff.xor(rows);
            int d = diff.cardinality();
            if (d < nearestDifference) {
                nearest = s;
                nearestDifference = d;
            }
        }
        if (nearest != null && nearestDifference < minDifference) {
            return "subset differs from job " + nearest.job + " by " + nearestDifference + " row"
                    + (nearestDifference == 1 ? "" : "s") + " < " + minDifference + " (differencing guard)";
        }
        Stored s = new Stored(stored.isEmpty() ? 1 : stored.get(stored.size() - 1).seq + 1, job, (BitSet) rows.clone(),
                rows.cardinality());
        if (dir != null) {
            write(key, analyst, dataset, s);
        }
        stored.add(s);
        return null;
    }

    /** How many distinct subsets are stored for this analyst and dataset. */
    public synchronized int count(String analyst, String dataset) {
        return load(key(analyst, dataset)).size();
    }

    private List<Stored> load(String key) {
        List<Stored> list = byKey.get(key);
        if (list != null) {
            return list;
        }
        list = new ArrayList<>();
        Path folder = dir == null ? null : dir.resolve(key);
        if (folder != null && Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".subset")).toList()) {
                    list.add(read(f));
                }
            } catch (IOException e) {
                throw new MedfedException("cannot read the differencing guard's subsets in " + folder + ": " + e.getMessage(), e);
            }
            list.sort(Comparator.comparingLong(Stored::seq));
        }
        byKey.put(key, list);
        return list;
    }

    private static Stored read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DataInputStream d = new DataInputStream(in)) {
            if (d.readInt() != MAGIC || d.readInt() != VERSION) {
                throw new IOException(file + " is not a medfed subset file");
            }
            long seq = d.readLong();
            String job = d.readUTF();
            int size = d.readInt();
            byte[] bits = new byte[d.readInt()];
            d.readFully(bits);
            BitSet rows = BitSet.valueOf(bits);
            if (rows.cardinality() != size) {
                throw new IOException(file + " is damaged (row count does not match its bits)");
            }
            return new Stored(seq, job, rows, size);
        }
    }

    private void write(String key, String analyst, String dataset, Stored s) {
        Path folder = dir.resolve(key);
        byte[] bits = s.rows.toByteArray();
        try {
            Files.createDirectories(folder);
            Path owner = folder.resolve("owner.txt");
            if (!Files.exists(owner)) {
                DurableFiles.replace(owner, ("analyst: " + analyst + "\ndataset: " + dataset + "\n").getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(bits.length + 64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(s.seq);
                out.writeUTF(s.job);
                out.writeInt(s.size);
                out.writeInt(bits.length);
                out.write(bits);
            }
            DurableFiles.replace(folder.resolve(sha256(bits) + ".subset"), bytes.toByteArray()); // before the value leaves
        } catch (IOException e) {
            throw new MedfedException("cannot record the row subset in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String key(String analyst, String dataset) {
        return sha256(((analyst == null ? "" : analyst) + "\u0000" + (dataset == null ? "" : dataset))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
