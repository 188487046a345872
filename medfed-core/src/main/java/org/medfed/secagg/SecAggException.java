package org.medfed.secagg;

import org.medfed.error.MedfedException;

/**
 * Secure aggregation refused or aborted: a forged, replayed or tampered message, a request that
 * would reveal more than the protocol allows, too few sites left, or a value the fixed-point ring
 * cannot carry. The message names the job, round, site or quantity at fault.
 */
public class SecAggException extends MedfedException {
    private static final long serialVersionUID = 1L;

    public SecAggException(String message) {
        super(message);
    }

    public SecAggException(String message, Throwable cause) {
        super(message, cause);
    }
}
