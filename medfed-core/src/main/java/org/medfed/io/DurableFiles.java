package org.medfed.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Crash-safe replacement of a whole file. */
public final class DurableFiles {
    private DurableFiles() {
    }

    /**
     * Writes {@code content} to a temporary file beside {@code target}, forces it to disk, renames
     * it over {@code target} (atomically where the file system can) and forces the directory, so
     * that the rename itself survives a crash. A reader never sees half a file, and a crash leaves
     * the old content or the new. Creates the parent directories. Throws if any step fails, the
     * directory sync included, except on platforms that cannot open a directory at all (Windows),
     * where the rename is all there is.
     */
    public static void replace(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Still a rename within one directory; only exotic file systems end up here.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
    }

    private static void forceDirectory(Path dir) throws IOException {
        FileChannel d;
        try {
            d = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            return; // this platform cannot open a directory (Windows): nothing to sync
        }
        try (d) {
            d.force(true);
        }
    }
}
