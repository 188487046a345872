package org.medfed.site;

import org.medfed.error.MedfedException;

/**
 * A site's release gate refused a job or a contribution. The message names the site and the
 * rule, and reaches the analyst unchanged ("site b refused: 4 rows < 10 (policy min_rows)").
 */
public final class ReleaseRefusedException extends MedfedException {
    private static final long serialVersionUID = 1L;

    private final String site;
    private final String reason;

    public ReleaseRefusedException(String site, String reason, String where) {
        super("site " + site + " refused: " + reason + (where == null ? "" : " (" + where + ")"));
        this.site = site;
        this.reason = reason;
    }

    public String site() {
        return site;
    }

    /** The rule that refused, without the site name. */
    public String reason() {
        return reason;
    }
}
