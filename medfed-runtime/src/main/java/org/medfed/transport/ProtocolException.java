package org.medfed.transport;

import org.medfed.error.MedfedException;

/** A peer broke the wire protocol (malformed or out-of-order messages). */
public final class ProtocolException extends MedfedException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
