package org.medfed.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.site.ReleasePolicy;
import org.medfed.simulator.GlmReferenceTest;
import org.medfed.simulator.ReferenceCase;
import org.medfed.transport.proto.JobEvent;
import org.medfed.transport.proto.JobRecord;

/**
 * A site that dies, drops its connection or restarts in the middle of a job (through the agent's
 * package-private test hooks), over real gRPC and mutual TLS.
 */
@Timeout(90)
class SiteFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL = List.of("site1", "site2", "site3");

    @TempDir
    Path dir;

    /**
     * The site's pending jobs, or none when the listing raced with a decision that removed a
     * pending file between listing and reading it (files are written by atomic rename, so a
     * listed file is never half written).
     */
    static List<com.fasterxml.jackson.databind.node.ObjectNode> pendingJobs(Approvals approvals) {
        try {
            return approvals.pendingJobs();
        } catch (org.medfed.error.MedfedException e) {
            return List.of();
        }
    }

    static LoopbackConsortium.Builder birthwt(Path dir) {
        ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        c.siteFiles().forEach((site, file) -> b.site(site, "birthwt", file));
        return b;
    }

    static Invocation<?> glm() {
        GlmParameters p = GlmReferenceTest.parameters(ReferenceCase.load("glm-logistic-birthwt"));
        return Invocation.of(new GlmMethod(), p);
    }

    static ObjectNode core(String json) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(json);
        n.remove("privacy");
        n.remove("provenance");
        return n;
    }

    /**
     * Parks the compute thread (bounded) after handing the disruption to another thread; the
     * agent's kill interrupts it, and nothing it does afterwards can reach the hub (its channel is
     * already shut down), so it simply gives up.
     */
    private static void park(CountDownLatch release) {
        try {
            release.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("test: this agent was stopped mid-round");
    }

    @Test
    void killedSiteFailsTheJobAfterTheRoundTimeoutAndTheHubKeepsServing() throws Exception {
        // site1 and site3 accept two-site jobs, for the job that runs without site2.
        try (LoopbackConsortium consortium = birthwt(dir).roundTimeout(Duration.ofSeconds(3))
                .policy("site1", ReleasePolicy.defaults().withMinSites(2))
                .policy("site3", ReleasePolicy.defaults().withMinSites(2)).start();
             AnalystClient analyst = consortium.analyst()) {
            SiteAgent site2 = consortium.site("site2");
            AtomicBoolean fired = new AtomicBoolean();
            AtomicReference<Thread> killer = new AtomicReference<>();
            CountDownLatch never = new CountDownLatch(1);
            site2.onRequest(r -> {
                if (r.round() >= 3 && fired.compareAndSet(false, true)) {
                    Thread t = new Thread(site2::kill, "test-kill-site2");
                    killer.set(t);
                    t.start();
                    park(never);
                }
            });
            List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
            JobRecord r = analyst.submit(glm(), "birthwt", null, ALL, events::add);
            killer.get().join(10_000);
            assertTrue(fired.get(), "round 3 reached site2");
            assertEquals("failed", r.getStatus(), r.getError());
            assertTrue(r.getError().contains("site site2"), r.getError());
            assertTrue(r.getError().contains("round 3"), r.getError());
            assertTrue(r.getError().contains("within 3 s"), r.getError());
            assertTrue(r.getError().contains("did not reconnect"), r.getError());
            // Rounds 0..2 completed; the stored count also includes the round that failed.
            assertTrue(r.getRounds() >= 3, "rounds: " + r.getRounds());
            assertEquals("failed", analyst.job(r.getJob()).getStatus());
            assertTrue(events.stream().anyMatch(e -> e.hasProgress() && e.getProgress().getNote().contains("site site2 disconnected")),
                    "the analyst was told that site2 disconnected");

            JobRecord again = analyst.submit(glm(), "birthwt", null, List.of("site1", "site3"), e -> { });
            assertEquals("succeeded", again.getStatus(), again.getError());
            assertEquals(List.of("site1", "site3"), again.getSitesList());
        }
    }

    @Test
    void droppedConnectionReconnectsAndTheJobSucceedsWithTheSameResult() throws Exception {
        // Sums in clear here; the securely aggregated case is the next test.
        try (LoopbackConsortium consortium = birthwt(dir).secureAggregation(false).roundTimeout(Duration.ofSeconds(20)).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord undisturbed = analyst.submit(glm(), "birthwt", null, ALL, e -> { });
            assertEquals("succeeded", undisturbed.getStatus(), undisturbed.getError());

            SiteAgent site2 = consortium.site("site2");
            AtomicBoolean dropped = new AtomicBoolean();
            site2.onRequest(r -> {
                if (r.round() >= 3 && dropped.compareAndSet(false, true)) {
                    site2.dropConnection();
                }
            });
            List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
            JobRecord disturbed = analyst.submit(glm(), "birthwt", null, ALL, events::add);
            assertTrue(dropped.get(), "the connection was dropped");
            assertEquals("succeeded", disturbed.getStatus(), disturbed.getError());
            assertEquals(undisturbed.getRounds(), disturbed.getRounds());
            assertEquals(core(undisturbed.getResultJson()), core(disturbed.getResultJson()));
            assertEquals(core(undisturbed.getResultJson()).toString(), core(disturbed.getResultJson()).toString(),
                    "bit for bit");
            assertEquals(JSON.readTree(undisturbed.getResultJson()).path("privacy").path("released"),
                    JSON.readTree(disturbed.getResultJson()).path("privacy").path("released"));
            assertTrue(events.stream().anyMatch(e -> e.hasProgress() && e.getProgress().getNote().contains("site site2 reconnected")),
                    "the analyst was told that site2 reconnected");
            assertTrue(consortium.hub().connectedSites().contains("site2"));
        }
    }

    @Test
    void droppedConnectionsInSecurelyAggregatedRoundsResumeWithTheSameResult() throws Exception {
        // Round 1 is the first masked round (it has the unmasking step); round 3 a later one.
        try (LoopbackConsortium consortium = birthwt(dir).roundTimeout(Duration.ofSeconds(20)).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord undisturbed = analyst.submit(glm(), "birthwt", null, ALL, e -> { });
            assertEquals("succeeded", undisturbed.getStatus(), undisturbed.getError());

            SiteAgent site2 = consortium.site("site2");
            SiteAgent site3 = consortium.site("site3");
            AtomicBoolean dropped2 = new AtomicBoolean();
            AtomicBoolean dropped3 = new AtomicBoolean();
            site2.onRequest(r -> {
                if (r.round() == 1 && dropped2.compareAndSet(false, true)) {
                    site2.dropConnection();
                }
            });
            site3.onRequest(r -> {
                if (r.round() == 3 && dropped3.compareAndSet(false, true)) {
                    site3.dropConnection();
                }
            });
            List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
            JobRecord disturbed = analyst.submit(glm(), "birthwt", null, ALL, events::add);
            assertTrue(dropped2.get() && dropped3.get(), "both connections were dropped");
            assertEquals("succeeded", disturbed.getStatus(), disturbed.getError());
            assertEquals(undisturbed.getRounds(), disturbed.getRounds());
            assertEquals(core(undisturbed.getResultJson()).toString(), core(disturbed.getResultJson()).toString(),
                    "bit for bit");
            assertTrue(JSON.readTree(disturbed.getResultJson()).path("privacy").path("secure_aggregation").asBoolean());
            for (String site : List.of("site2", "site3")) {
                assertTrue(events.stream().anyMatch(e -> e.hasProgress()
                        && e.getProgress().getNote().contains("site " + site + " reconnected")), site + " reconnected");
            }
        }
    }

    @Test
    void restartedSiteFailsTheJobQuicklyAndSuggestsARerun() throws Exception {
        // A round timeout far longer than the test's own: the failure must come from the restart, not a timeout.
        try (LoopbackConsortium consortium = birthwt(dir).secureAggregation(false).roundTimeout(Duration.ofMinutes(5)).start();
             AnalystClient analyst = consortium.analyst()) {
            SiteAgent old = consortium.site("site2");
            AtomicBoolean fired = new AtomicBoolean();
            AtomicReference<Thread> restarter = new AtomicReference<>();
            AtomicReference<Throwable> restartFailure = new AtomicReference<>();
            CountDownLatch restarted = new CountDownLatch(1);
            old.onRequest(r -> {
                if (r.round() >= 3 && fired.compareAndSet(false, true)) {
                    Thread t = new Thread(() -> {
                        try {
                            consortium.startSite("site2");
                        } catch (Throwable e) {
                            restartFailure.set(e);
                        } finally {
                            restarted.countDown();
                        }
                    }, "test-restart-site2");
                    restarter.set(t);
                    t.start();
                    park(restarted);
                }
            });
            JobRecord r = analyst.submit(glm(), "birthwt", null, ALL, e -> { });
            restarter.get().join(30_000);
            assertNull(restartFailure.get(), () -> "restart failed: " + restartFailure.get());
            assertEquals("failed", r.getStatus(), r.getError());
            assertTrue(r.getError().contains("site site2"), r.getError());
            assertTrue(r.getError().contains("lost this job's state"), r.getError());
            assertTrue(r.getError().contains("medfed rerun " + r.getJob()), r.getError());
            assertTrue(r.getError().contains("round 3"), r.getError());

            SiteAgent fresh = consortium.site("site2");
            assertEquals("site2", fresh.name());
            assertNotSame(old, fresh, "site2 runs a new agent");
            // The restarted site serves the re-run.
            JobRecord rerun = analyst.rerun(r.getJob(), e -> { });
            assertEquals("succeeded", rerun.getStatus(), rerun.getError());
            assertEquals(r.getJob(), rerun.getRerunOf());
        }
    }

    /** The hub's record of which sites accepted a running job (read reflectively: hub internals are package-private). */
    @SuppressWarnings("unchecked")
    private static java.util.Set<String> acceptedAtHub(LoopbackConsortium consortium, String job) throws Exception {
        Object jobs = field(consortium.hub(), "jobs");
        Object run = ((java.util.Map<String, ?>) field(jobs, "running")).get(job);
        if (run == null) {
            return java.util.Set.of();
        }
        synchronized (run) {
            return java.util.Set.copyOf((java.util.Set<String>) field(run, "accepted"));
        }
    }

    private static Object field(Object o, String name) throws Exception {
        java.lang.reflect.Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    @Test
    void siteThatAcceptedAndReconnectsWhileAnotherAwaitsApprovalDoesNotStallTheJob() throws Exception {
        try (LoopbackConsortium consortium = birthwt(dir).roundTimeout(Duration.ofSeconds(8))
                .policy("site3", new ReleasePolicy(null, 10, 0.33, ReleasePolicy.Approval.MANUAL)).start();
             AnalystClient analyst = consortium.analyst()) {
            Approvals approvals = new Approvals(consortium.siteConfig("site3").stateDir());
            List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CompletableFuture<JobRecord> job = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> analyst.submit(glm(), "birthwt", null, ALL, events::add));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (pendingJobs(approvals).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "site3 never got the job");
                Thread.sleep(20);
            }
            String id = pendingJobs(approvals).get(0).path("job").asText();
            while (!acceptedAtHub(consortium, id).containsAll(List.of("site1", "site2"))) {
                assertTrue(System.nanoTime() < deadline, "site1 and site2 never accepted");
                Thread.sleep(20);
            }
            consortium.site("site1").dropConnection();
            while (events.stream().noneMatch(e -> e.hasProgress() && e.getProgress().getNote().contains("site site1 reconnected"))) {
                assertTrue(System.nanoTime() < deadline, "site1 never reconnected");
                Thread.sleep(20);
            }
            approvals.decide(id, Approvals.Decision.APPROVED);
            JobRecord r = job.get(60, TimeUnit.SECONDS);
            assertEquals("succeeded", r.getStatus(), r.getError());
        }
    }
}
