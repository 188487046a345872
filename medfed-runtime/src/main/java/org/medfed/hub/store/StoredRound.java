package org.medfed.hub.store;

/**
 * One round of a job as the hub saw it: which step of the method it was, how many sites were
 * asked and answered, and how long it took. Progress and diagnostics only; no site data.
 */
public record StoredRound(String job, int round, String step, int sitesAsked, int sitesAnswered, long elapsedMillis) {
    public StoredRound {
        if (job == null || step == null) {
            throw new IllegalArgumentException("a round needs its job and step");
        }
    }
}
