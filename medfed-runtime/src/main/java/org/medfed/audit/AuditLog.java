package org.medfed.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.medfed.audit.AuditLines.Line;
import org.medfed.error.MedfedException;

/**
 * A site's append-only, hash-chained audit log (JSON Lines; format in {@link AuditJson}).
 * Thread-safe: appends are serialized, so concurrent rounds still form one chain. Each append
 * is on disk ({@link FileChannel#force}) before it returns, so the release gate can send a value
 * only after its record survives a crash. The file is locked while open, so a second process
 * cannot interleave its own chain.
 */
public final class AuditLog implements Closeable {
    private final Path file;
    private final String site;
    private final FileChannel channel;
    private final FileLock lock;
    private long size;
    private String head;
    private boolean failed;

    private AuditLog(Path file, String site, FileChannel channel, FileLock lock, long size, String head) {
        this.file = file;
        this.site = site;
        this.channel = channel;
        this.lock = lock;
        this.size = size;
        this.head = head;
    }

    /**
     * Opens {@code file} for appending, creating it (and its folders) if missing. An existing
     * log is verified first and refused if anything is wrong: appending after tampering would
     * bury the damage under valid-looking records.
     */
    public static AuditLog open(Path file, String site) {
        Objects.requireNonNull(site, "site");
        FileChannel channel = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new MedfedException("audit log " + file + " is already open for writing (by this or another process)");
            }
            List<Line> lines = AuditLines.read(file);
            VerifyReport report = AuditVerifier.check(lines, null, 0);
            if (!report.ok()) {
                throw new MedfedException("audit log " + file + " is damaged, so no more records are added to it: "
                        + report.problems().get(0)
                        + (report.problems().size() > 1 ? " (and " + (report.problems().size() - 1) + " more problems)" : "")
                        + "; run 'medfed audit verify --log " + file + "'");
            }
            long size = 0;
            String head = AuditJson.GENESIS;
            if (!lines.isEmpty()) {
                AuditRecord last = lines.get(lines.size() - 1).record();
                if (!last.site().equals(site)) {
                    throw new MedfedException("audit log " + file + " belongs to site " + last.site() + ", not " + site);
                }
                size = last.seq();
                head = last.hash();
            }
            AuditLog log = new AuditLog(file, site, channel, lock, size, head);
            channel = null;
            return log;
        } catch (IOException e) {
            throw new MedfedException("cannot open audit log " + file + ": " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Already failing with the real reason.
                }
            }
        }
    }

    /**
     * Appends one record and returns it once it is on disk. If the write fails, the log refuses
     * all later appends: a partial line may be in the file, and the caller must not release.
     */
    public synchronized AuditRecord append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (failed) {
            throw new MedfedException("audit log " + file + " failed earlier; nothing more can be released until it is checked");
        }
        if (!channel.isOpen()) {
            throw new MedfedException("audit log " + file + " is closed");
        }
        long seq = size + 1;
        Instant time = Instant.now();
        String hash = AuditJson.hash(seq, time, site, event, head);
        AuditRecord record = new AuditRecord(seq, time, site, event, head, hash);
        ByteBuffer bytes = ByteBuffer.wrap((AuditJson.toLine(record) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            // Metadata too: the file's new length is what makes the line readable after a crash.
            channel.force(true);
        } catch (IOException e) {
            failed = true;
            throw new MedfedException("cannot write audit log " + file + ": " + e.getMessage(), e);
        }
        size = seq;
        head = hash;
        return record;
    }

    /** Hash of the last record (64 zeros while empty); keep it elsewhere to detect a cut tail. */
    public synchronized String head() {
        return head;
    }

    /** Records in the log (the last record's seq). */
    public synchronized long size() {
        return size;
    }

    public Path file() {
        return file;
    }

    public String site() {
        return site;
    }

    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw new MedfedException("cannot close audit log " + file + ": " + e.getMessage(), e);
        }
    }
}
