package org.medfed.hub;

import io.grpc.stub.StreamObserver;
import org.medfed.transport.proto.JobEvent;

/**
 * The analyst's progress stream for one job. The analyst may hang up (Ctrl-C) at any time; the
 * job carries on and its result is stored, so a failed send is ignored, never fatal.
 */
final class AnalystStream {
    static final AnalystStream NONE = new AnalystStream(null);

    private final StreamObserver<JobEvent> out;
    private boolean open;

    AnalystStream(StreamObserver<JobEvent> out) {
        this.out = out;
        this.open = out != null;
    }

    synchronized void send(JobEvent event) {
        if (!open) {
            return;
        }
        try {
            out.onNext(event);
        } catch (RuntimeException e) {
            open = false;
        }
    }

    synchronized void finish(JobEvent last) {
        send(last);
        if (open) {
            try {
                out.onCompleted();
            } catch (RuntimeException ignored) {
                // the analyst is gone; the result is stored
            }
            open = false;
        }
    }
}
