package org.medfed.hub;

/**
 * What secure aggregation cost one job at the hub, in wall-clock time as the job saw it (site work
 * and round trips included): the key set-up before the first round, the unmasking steps (request,
 * answers, reconstruction, removing the masks and decoding), and how many rounds were masked and
 * how many of them needed an unmasking step. Masking itself happens at the sites, which log their
 * own times ({@code secure aggregation of job ...}). For benchmarks and logs.
 */
public record SecAggTimes(String job, double keyAgreementSeconds, double unmaskingSeconds, int maskedRounds,
        int unmaskingSteps) {
}
