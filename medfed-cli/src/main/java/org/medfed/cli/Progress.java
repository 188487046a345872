package org.medfed.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.medfed.transport.proto.JobEvent;
import org.medfed.transport.proto.RoundProgress;

/**
 * The analyst's progress line on stderr: one line rewritten in place on a terminal, one line per
 * event otherwise (logs, CI). Notes from the hub (a site waiting for approval, a site that
 * dropped out) always get their own line.
 */
final class Progress {
    private final PrintStream err;
    private final boolean terminal;
    private boolean dirty;

    Progress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static Progress onStderr() {
        return new Progress(System.err, System.console() != null);
    }

    void accept(JobEvent event) {
        if (event.hasAccepted()) {
            line(false, "job " + event.getAccepted().getJob() + " accepted; sites: "
                    + String.join(", ", event.getAccepted().getSitesList()));
        } else if (event.hasProgress()) {
            RoundProgress p = event.getProgress();
            if (!p.getNote().isEmpty()) {
                line(false, "job " + p.getJob() + ": " + p.getNote());
            } else if (terminal || p.getSitesAnswered() == p.getSitesAsked()) {
                // A log gets one line per finished round; a terminal also sees a round fill up.
                line(true, String.format(Locale.ROOT, "job %s: round %d (%s): %d/%d sites answered, %.2f s elapsed",
                        p.getJob(), p.getRound(), p.getStep(), p.getSitesAnswered(), p.getSitesAsked(), p.getElapsedSeconds()));
            }
        } else if (event.hasFinished()) {
            line(false, "job " + event.getFinished().getJob() + " " + event.getFinished().getStatus()
                    + " after " + event.getFinished().getRounds() + " rounds");
        }
    }

    private void line(boolean transient_, String text) {
        if (terminal && transient_) {
            err.print("\r\033[K" + text);
            dirty = true;
            err.flush();
            return;
        }
        if (dirty) {
            err.print("\r\033[K");
            dirty = false;
        }
        err.println("medfed: " + text);
    }
}
