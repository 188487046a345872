package org.medfed.hub;

import org.medfed.hub.store.StoredJob;
import org.medfed.transport.proto.JobRecord;

/** Stored jobs as wire records. */
final class JobRecords {
    private JobRecords() {
    }

    static JobRecord of(StoredJob job, boolean withResult) {
        JobRecord.Builder b = JobRecord.newBuilder()
                .setJob(job.id())
                .setMethod(job.method())
                .setDataset(nz(job.dataset()))
                .setStatus(job.status().label())
                .setAnalyst(nz(job.analyst()))
                .setSubmitted(job.submitted() == null ? "" : job.submitted().toString())
                .setFinished(job.finished() == null ? "" : job.finished().toString())
                .setError(nz(job.error()))
                .setRounds(job.rounds())
                .addAllSites(job.sites())
                .setParametersJson(nz(job.parametersJson()))
                .setWhere(nz(job.where()))
                .setRerunOf(nz(job.rerunOf()))
                .setNoise(nz(job.noise()));
        if (job.warnings() != null) {
            b.addAllWarnings(job.warnings());
        }
        if (withResult) {
            b.setResultJson(nz(job.resultJson())).setResultText(nz(job.resultText()));
        }
        return b.build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
