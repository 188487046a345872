package org.medfed.hub.store;

import java.util.Locale;

/** Where a job stands. Only {@link #RUNNING} ever changes, to one of the other three. */
public enum JobStatus {
    RUNNING, SUCCEEDED, FAILED,
    /** Was running when the hub stopped; the hub cannot resume it, only run it again. */
    INTERRUPTED;

    /** The status as shown to people: {@code running}, {@code succeeded}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinished() {
        return this != RUNNING;
    }
}
