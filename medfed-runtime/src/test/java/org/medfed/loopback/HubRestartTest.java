package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.agent.Approvals;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/** The hub's job store survives a restart of the whole consortium (same PKI, same hub data directory). */
@Timeout(90)
class HubRestartTest {
    @TempDir
    Path dir;

    private static Invocation<?> glm() {
        return Invocation.of(new GlmMethod(), DeployedGlmTest.parameters());
    }

    private Path hubData() {
        return dir.resolve("hub-data");
    }

    @Test
    void finishedJobsAndResultsSurviveARestart() throws Exception {
        JobRecord original;
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).hubDataDir(hubData()).start();
             AnalystClient analyst = consortium.analyst()) {
            original = analyst.submit(glm(), "birthwt", null, List.of(), e -> { });
            assertEquals("succeeded", original.getStatus(), original.getError());
        }
        String caBefore = java.nio.file.Files.readString(dir.resolve("pki").resolve("ca.pem"));
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).hubDataDir(hubData()).start();
             AnalystClient analyst = consortium.analyst()) {
            assertEquals(caBefore, java.nio.file.Files.readString(consortium.pki().resolve("ca.pem")), "the PKI was reused");
            List<JobRecord> jobs = analyst.jobs();
            assertEquals(List.of(original.getJob()), jobs.stream().map(JobRecord::getJob).toList());
            assertEquals("succeeded", jobs.get(0).getStatus());
            JobRecord stored = analyst.job(original.getJob());
            assertEquals(original.getResultJson(), stored.getResultJson(), "result JSON byte for byte");
            assertEquals(original.getResultText(), stored.getResultText());
            assertEquals(original.getRounds(), stored.getRounds());
            assertEquals(original.getSitesList(), stored.getSitesList());
            // Ids are never reused after a restart.
            JobRecord next = analyst.submit(glm(), "birthwt", null, List.of(), e -> { });
            assertEquals("succeeded", next.getStatus(), next.getError());
            assertTrue(!next.getJob().equals(original.getJob()), "a new id: " + next.getJob());
            assertEquals(2, analyst.jobs().size());
        }
    }

    /** Starts a job that waits for site3's operator, then stops the whole consortium under it. */
    private String interruptAJob() throws Exception {
        LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).hubDataDir(hubData())
                .policy("site3", new ReleasePolicy(null, 10, 0.33, ReleasePolicy.Approval.MANUAL)).start();
        AnalystClient analyst = consortium.analyst();
        try {
            CompletableFuture<JobRecord> running = CompletableFuture.supplyAsync(
                    () -> analyst.submit(glm(), "birthwt", null, List.of(), e -> { }));
            Approvals approvals = new Approvals(consortium.siteConfig("site3").stateDir());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (PolicyAndAuditTest.pendingJobs(approvals).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "site3 never received the job");
                assertTrue(!running.isDone(), () -> "the job ended early: " + running.join());
                Thread.sleep(50);
            }
            String id = PolicyAndAuditTest.pendingJobs(approvals).get(0).path("job").asText();
            consortium.close();
            JobRecord seen = running.get(20, TimeUnit.SECONDS);
            assertEquals(id, seen.getJob());
            assertEquals("interrupted", seen.getStatus(), seen.getError());
            return id;
        } finally {
            analyst.close();
            consortium.close();
        }
    }

    @Test
    void aJobInterruptedByAHubStopIsListedAsInterruptedAndCanBeRerun() throws Exception {
        String id = interruptAJob();
        // Restarted with automatic approval everywhere.
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).hubDataDir(hubData()).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord listed = analyst.jobs().stream().filter(j -> j.getJob().equals(id)).findFirst().orElseThrow();
            assertEquals("interrupted", listed.getStatus(), listed.getError());
            assertTrue(listed.getError().startsWith("interrupted"), listed.getError());
            JobRecord rerun = analyst.rerun(id, e -> { });
            assertEquals("succeeded", rerun.getStatus(), rerun.getError());
            assertEquals(id, rerun.getRerunOf());
            assertNotNull(analyst.job(rerun.getJob()).getResultJson());
            assertEquals(id, analyst.job(rerun.getJob()).getRerunOf());
        }
    }

    @Test
    void anInterruptedJobsErrorSaysHowToRerunIt() throws Exception {
        String id = interruptAJob();
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).hubDataDir(hubData()).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord listed = analyst.job(id);
            assertEquals("interrupted", listed.getStatus());
            assertTrue(listed.getError().contains("medfed rerun " + id), listed.getError());
        }
    }
}
