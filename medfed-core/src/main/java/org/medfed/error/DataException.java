package org.medfed.error;

/**
 * A site's data cannot be used as asked: malformed file, missing column, a value of the wrong
 * type or outside the family's range. The message starts with the {@link DataLocation} so the
 * custodian can open the file at the right line.
 */
public class DataException extends MedfedException {
    private static final long serialVersionUID = 1L;
    private final DataLocation location;

    public DataException(DataLocation location, String problem) {
        super(location.describe() + ": " + problem);
        this.location = location;
    }

    public DataException(DataLocation location, String problem, Throwable cause) {
        super(location.describe() + ": " + problem, cause);
        this.location = location;
    }

    public DataLocation location() {
        return location;
    }
}
