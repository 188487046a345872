package org.medfed.secagg;

import java.util.List;

/**
 * Hub to each participant at the start of aggregation round {@code round}: who takes part. Rounds
 * of a job strictly increase, and the participants only ever shrink.
 */
public record MaskRequest(String jobId, int round, List<String> participants) {
    public MaskRequest {
        participants = List.copyOf(participants);
    }
}
