package org.medfed.error;

/**
 * A failure the user can act on: bad data, a refused or impossible analysis. The message is the
 * whole explanation; the command line prints it and exits with {@link #exitCode()}.
 */
public class MedfedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MedfedException(String message) {
        super(message);
    }

    public MedfedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Process exit code for this failure: 1 for analysis failures, 2 for usage errors. */
    public int exitCode() {
        return 1;
    }
}
