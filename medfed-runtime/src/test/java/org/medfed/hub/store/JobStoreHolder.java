package org.medfed.hub.store;

import java.nio.file.Path;

/**
 * A stand-in for a second hub process: opens the store in {@code args[0]}, says "open" and keeps
 * it open until its standard input closes. Used by {@link JobStoreTest}.
 */
public final class JobStoreHolder {
    private JobStoreHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (JobStore store = JobStore.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our stdin
            }
        }
    }
}
