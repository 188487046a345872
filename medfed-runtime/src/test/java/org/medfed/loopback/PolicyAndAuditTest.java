package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.agent.Approvals;
import org.medfed.analyst.AnalystClient;
import org.medfed.audit.AuditReader;
import org.medfed.audit.AuditRecord;
import org.medfed.audit.AuditVerifier;
import org.medfed.audit.ReleasedQuantity;
import org.medfed.audit.VerifyReport;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.simulator.ReferenceCase;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobEvent;
import org.medfed.transport.proto.JobRecord;

/** Site release policies as the analyst meets them, and the audit trail they leave at each site. */
@Timeout(90)
class PolicyAndAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL = List.of("site1", "site2", "site3");
    private static final Set<String> RECORD_KEYS = Set.of("seq", "time", "site", "kind", "job", "analyst", "method",
            "dataset", "round", "step", "rows", "quantities", "reason", "prev", "hash");
    private static final Set<String> QUANTITY_KEYS = Set.of("name", "shape", "aggregation", "sha256");

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

    private static Invocation<?> glm() {
        return Invocation.of(new GlmMethod(), DeployedGlmTest.parameters());
    }

    private static List<AuditRecord> records(LoopbackConsortium c, String site, String job) {
        return AuditReader.read(c.siteConfig(site).auditLog()).stream()
                .filter(r -> job.equals(r.event().job())).toList();
    }

    private static void assertVerifies(LoopbackConsortium c, String site) {
        VerifyReport report = AuditVerifier.verify(c.siteConfig(site).auditLog());
        assertTrue(report.ok(), site + ": " + report.problems());
        assertTrue(report.records() > 0, site + ": empty audit log");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void minRowsRefusalNamesTheSiteAndTheRuleAndIsAudited() throws Exception {
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir)
                .policy("site2", new ReleasePolicy(null, 200, 0.33, ReleasePolicy.Approval.AUTO)).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(glm(), "birthwt", null, ALL, e -> { });
            assertEquals("failed", r.getStatus());
            assertTrue(r.getError().contains("site site2 refused:"), r.getError());
            assertTrue(r.getError().contains("< 200 (policy min_rows)"), r.getError());
            assertTrue(r.getResultJson().isEmpty(), "no result for a refused job");

            assertVerifies(consortium, "site2");
            List<AuditRecord> site2 = records(consortium, "site2", r.getJob());
            List<AuditRecord> refusals = site2.stream().filter(x -> x.event().kind().equals("refusal")).toList();
            assertEquals(1, refusals.size(), site2.toString());
            assertTrue(refusals.get(0).event().reason().contains("< 200 (policy min_rows)"), refusals.get(0).event().reason());
            assertTrue(refusals.get(0).event().quantities().isEmpty(), "nothing released with a refusal");
            assertTrue(site2.stream().noneMatch(x -> x.event().kind().equals("release")), "site2 released nothing");
            assertEquals("analyst", refusals.get(0).event().analyst());
            assertEquals("glm", refusals.get(0).event().method());
        }
    }

    @Test
    void disallowedMethodIsRefusedNamingTheSite() throws Exception {
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir)
                .policy("site1", ReleasePolicy.defaults().withMinSites(2))
                .policy("site2", new ReleasePolicy(Set.of("summary"), 10, 0.33, ReleasePolicy.Approval.AUTO))
                .policy("site3", ReleasePolicy.defaults().withMinSites(2)).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(glm(), "birthwt", null, ALL, e -> { });
            assertEquals("failed", r.getStatus());
            assertTrue(r.getError().contains("site site2 refused:"), r.getError());
            assertTrue(r.getError().contains("not allowed"), r.getError());
            assertEquals(0, r.getRounds(), "refused before any round: " + r.getRounds());

            assertVerifies(consortium, "site2");
            List<AuditRecord> site2 = records(consortium, "site2", r.getJob());
            assertEquals(1, site2.size(), site2.toString());
            assertEquals("job-refused", site2.get(0).event().kind());
            assertTrue(site2.get(0).event().reason().contains("not allowed"), site2.get(0).event().reason());
            // The other sites released nothing for it either.
            for (String site : List.of("site1", "site3")) {
                assertTrue(records(consortium, site, r.getJob()).stream().noneMatch(x -> x.event().kind().equals("release")),
                        site + " released values of a job that never started");
            }
            // Without site2 the method runs (site1 and site3 accept two-site jobs).
            JobRecord ok = analyst.submit(glm(), "birthwt", null, List.of("site1", "site3"), e -> { });
            assertEquals("succeeded", ok.getStatus(), ok.getError());
        }
    }

    @Test
    void eachSitesAuditLogRecordsTheJobWithoutRowValues() throws Exception {
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir).start();
             AnalystClient analyst = consortium.analyst()) {
            JobRecord r = analyst.submit(glm(), "birthwt", null, ALL, e -> { });
            assertEquals("succeeded", r.getStatus(), r.getError());
            ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
            for (String site : ALL) {
                assertVerifies(consortium, site);
                List<AuditRecord> mine = records(consortium, site, r.getJob());
                List<AuditRecord> accepted = mine.stream().filter(x -> x.event().kind().equals("job-accepted")).toList();
                assertEquals(1, accepted.size(), site + ": " + mine);
                List<AuditRecord> releases = mine.stream().filter(x -> x.event().kind().equals("release")).toList();
                assertEquals(r.getRounds(), releases.size(), site + ": one release per round");
                assertEquals(IntStream.range(0, r.getRounds()).boxed().toList(),
                        releases.stream().map(x -> x.event().round()).toList(), site + ": rounds in order");
                for (AuditRecord x : mine) {
                    assertEquals(site, x.site());
                    assertEquals("analyst", x.event().analyst());
                    assertEquals("glm", x.event().method());
                    assertEquals("birthwt", x.event().dataset());
                }
                assertTrue(accepted.get(0).seq() < releases.get(0).seq(), "accepted before anything was released");
                for (AuditRecord x : releases) {
                    assertFalse(x.event().quantities().isEmpty(), "a release names what left the site");
                    assertTrue(x.event().rows() > 0);
                    for (ReleasedQuantity q : x.event().quantities()) {
                        assertTrue(q.sha256().matches("[0-9a-f]{64}"), q.sha256());
                    }
                }

                // The file holds only names, shapes, digests and counts: no row values.
                Path log = consortium.siteConfig(site).auditLog();
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    JsonNode n = JSON.readTree(line);
                    Set<String> keys = new TreeSet<>();
                    n.fieldNames().forEachRemaining(keys::add);
                    assertTrue(RECORD_KEYS.containsAll(keys), site + ": unexpected fields " + keys);
                    for (JsonNode q : n.path("quantities")) {
                        Set<String> qk = new TreeSet<>();
                        q.fieldNames().forEachRemaining(qk::add);
                        assertEquals(QUANTITY_KEYS, qk, site + ": a released quantity carries more than its digest");
                        for (JsonNode d : q.path("shape")) {
                            assertTrue(d.isInt(), "shape holds dimensions only");
                        }
                    }
                }
                String text = Files.readString(log, StandardCharsets.UTF_8);
                String firstRow = Files.readAllLines(c.siteFiles().get(site), StandardCharsets.UTF_8).get(1);
                assertFalse(text.contains(firstRow), site + ": the audit log holds a raw row");
                for (String value : firstRow.split(",")) {
                    if (value.matches("[A-Za-z]+")) {
                        // Text values (race levels) leave the site only as the digest of a label union.
                        assertFalse(text.contains("\"" + value + "\"") || text.contains(value + ","),
                                site + ": the audit log holds the value '" + value + "'");
                    }
                }
                assertFalse(text.contains("black") || text.contains("white"), site + ": race levels appear in the log");
            }
        }
    }

    @Test
    void manualApprovalWaitsForTheOperatorAndADenialFailsTheJob() throws Exception {
        try (LoopbackConsortium consortium = DeployedGlmTest.birthwt(dir)
                .policy("site3", new ReleasePolicy(null, 10, 0.33, ReleasePolicy.Approval.MANUAL)).start();
             AnalystClient analyst = consortium.analyst()) {
            Approvals approvals = new Approvals(consortium.siteConfig("site3").stateDir());

            List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<JobRecord> approved = CompletableFuture.supplyAsync(
                    () -> analyst.submit(glm(), "birthwt", null, ALL, events::add));
            await("site3 holds a pending job", () -> !pendingJobs(approvals).isEmpty());
            ObjectNode pending = pendingJobs(approvals).get(0);
            String first = pending.path("job").asText();
            assertEquals("analyst", pending.path("analyst").asText());
            assertEquals("glm", pending.path("method").asText());
            assertEquals("birthwt", pending.path("dataset").asText());
            await("the analyst hears that the job waits for approval", () -> {
                synchronized (events) {
                    return events.stream().anyMatch(e -> e.hasProgress() && e.getProgress().getNote().contains("approve")
                            && e.getProgress().getNote().contains("site3"));
                }
            });
            assertFalse(approved.isDone(), "the job waits for the operator");
            synchronized (events) {
                assertTrue(events.stream().noneMatch(e -> e.hasProgress() && e.getProgress().getSitesAsked() > 0),
                        "no round started before the approval");
            }
            approvals.decide(first, Approvals.Decision.APPROVED);
            JobRecord ok = approved.get(60, TimeUnit.SECONDS);
            assertEquals(first, ok.getJob());
            assertEquals("succeeded", ok.getStatus(), ok.getError());

            CompletableFuture<JobRecord> denied = CompletableFuture.supplyAsync(
                    () -> analyst.submit(glm(), "birthwt", null, ALL, e -> { }));
            await("site3 holds the second job", () -> pendingJobs(approvals).stream()
                    .anyMatch(n -> !n.path("job").asText().equals(first)));
            String second = pendingJobs(approvals).stream().map(n -> n.path("job").asText())
                    .filter(j -> !j.equals(first)).findFirst().orElseThrow();
            approvals.decide(second, Approvals.Decision.DENIED);
            JobRecord no = denied.get(60, TimeUnit.SECONDS);
            assertEquals(second, no.getJob());
            assertEquals("failed", no.getStatus());
            assertTrue(no.getError().contains("denied"), no.getError());
            assertTrue(no.getError().contains("site site3"), no.getError());
            assertTrue(records(consortium, "site3", second).stream().noneMatch(x -> x.event().kind().equals("release")),
                    "a denied job released nothing");
            assertVerifies(consortium, "site3");
        }
    }

    @Test
    void pendingJobsToleratesAFileBeingWritten() throws Exception {
        Path state = dir.resolve("state");
        Approvals approvals = new Approvals(state);
        approvals.pending(new org.medfed.site.JobTicket("7", "glm", "birthwt", "analyst", null), "{}");
        // What a reader sees while the agent is between creating and writing another job's file.
        Files.createFile(state.resolve("pending").resolve("8.json"));
        List<ObjectNode> pending = approvals.pendingJobs();
        assertEquals(List.of("7"), pending.stream().map(n -> n.path("job").asText()).toList());
    }
}
