package org.medfed.error;

/** The request itself is malformed (unknown option value, formula syntax, filter syntax): exit 2. */
public class UsageException extends MedfedException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
