package org.medfed.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;

class JobStoreTest {
    private static final Instant T0 = Instant.parse("2025-05-01T10:15:30.123456789Z");

    @TempDir
    Path dir;

    private static StoredJob running(String id, String method) {
        return StoredJob.submitted(id, method, "cohort", "{\"formula\":\"y ~ x\"}", "age > 40", List.of("a", "b"),
                "alice", T0, null);
    }

    @Test
    void insertsFinishesFindsAndLists() {
        Path data = dir.resolve("hub-data");
        try (JobStore store = JobStore.open(data)) {
            assertTrue(Files.exists(data.resolve("hub.mv.db")));
            assertEquals(0, store.interruptedAtOpen());
            String first = store.newJobId();
            String second = store.newJobId();
            store.insert(running(first, "glm"));
            store.insert(StoredJob.submitted(second, "cox", "lung", null, null, List.of("a"), null, T0.plusSeconds(5), first));

            StoredJob r = store.find(first).orElseThrow();
            assertEquals(running(first, "glm"), r);
            assertEquals(JobStatus.RUNNING, r.status());
            assertNull(r.finished());

            Instant end = T0.plusSeconds(60);
            store.finish(first, JobStatus.SUCCEEDED, null, "{\"beta\":[1.5]}", "beta 1.5", List.of("w1", "w2"), 6, end);
            store.finish(second, JobStatus.FAILED, "site b: no such column age", null, null, List.of(), 1, end);

            StoredJob done = store.find(first).orElseThrow();
            assertEquals(new StoredJob(first, "glm", "cohort", "{\"formula\":\"y ~ x\"}", "age > 40", List.of("a", "b"),
                    "alice", JobStatus.SUCCEEDED, T0, end, null, "{\"beta\":[1.5]}", "beta 1.5", List.of("w1", "w2"), 6,
                    null), done);
            StoredJob failed = store.find(second).orElseThrow();
            assertEquals("failed", failed.status().label());
            assertEquals("site b: no such column age", failed.error());
            assertEquals(first, failed.rerunOf());
            assertNull(failed.where());
            assertNull(failed.analyst());

            List<StoredJob> all = store.list();
            assertEquals(List.of(second, first), all.stream().map(StoredJob::id).toList());
            assertNull(all.get(1).resultJson(), "list leaves result bodies out");
            assertNull(all.get(1).resultText());
            assertEquals(List.of("w1", "w2"), all.get(1).warnings());
            assertEquals(JobStatus.SUCCEEDED, all.get(1).status());

            assertTrue(store.find("99").isEmpty());
            assertThrows(IllegalArgumentException.class,
                    () -> store.finish("99", JobStatus.FAILED, "x", null, null, null, 0, end));
            assertThrows(MedfedException.class, () -> store.insert(running(first, "glm")), "ids are unique");
        }
    }

    @Test
    void idsAreSequentialAcrossRestarts() {
        try (JobStore store = JobStore.open(dir)) {
            assertEquals("1", store.newJobId());
            assertEquals("2", store.newJobId());
        }
        try (JobStore store = JobStore.open(dir)) {
            assertEquals("3", store.newJobId());
        }
    }

    @Test
    void runningJobsAreInterruptedWhenTheStoreReopens() {
        try (JobStore store = JobStore.open(dir)) {
            store.insert(running(store.newJobId(), "glm"));
            String done = store.newJobId();
            store.insert(running(done, "glm"));
            store.finish(done, JobStatus.SUCCEEDED, null, "{}", "", List.of(), 3, T0.plusSeconds(1));
            store.insert(running(store.newJobId(), "cox"));
        }
        try (JobStore store = JobStore.open(dir)) {
            assertEquals(2, store.interruptedAtOpen());
            StoredJob one = store.find("1").orElseThrow();
            assertEquals(JobStatus.INTERRUPTED, one.status());
            assertEquals("interrupted: the hub stopped while this job was running; re-run it with: medfed rerun 1",
                    one.error());
            assertNull(one.finished(), "when it stopped is not known");
            assertEquals(JobStatus.INTERRUPTED, store.find("3").orElseThrow().status());
            assertEquals(JobStore.interruptedMessage("3"), store.find("3").orElseThrow().error());
            StoredJob two = store.find("2").orElseThrow();
            assertEquals(JobStatus.SUCCEEDED, two.status());
            assertNull(two.error());
        }
        try (JobStore store = JobStore.open(dir)) {
            assertEquals(0, store.interruptedAtOpen());
        }
    }

    @Test
    void resultsSurviveARestartCharacterForCharacter() {
        String json = "{\"estimate\":0.30000000000000004,\"se\":1.0E-300,\"tiny\":4.9E-324,\"name\":\"β₀ \\\"intercept\\\"\","
                + "\"big\":[" + "0.1,".repeat(20_000) + "0.2]}\n";
        String text = "Coefficients:\n  (Intercept)  0.30000000000000004\r\n  x\t-1e-5  ✓\n";
        try (JobStore store = JobStore.open(dir)) {
            String id = store.newJobId();
            store.insert(running(id, "glm"));
            store.finish(id, JobStatus.SUCCEEDED, null, json, text, List.of("rows dropped: 3 (missing age)"), 4,
                    T0.plusMillis(1));
        }
        try (JobStore store = JobStore.open(dir)) {
            StoredJob job = store.find("1").orElseThrow();
            assertEquals(json, job.resultJson());
            assertEquals(text, job.resultText());
            assertEquals(List.of("rows dropped: 3 (missing age)"), job.warnings());
            assertEquals(T0, job.submitted(), "nanoseconds kept");
            assertEquals(T0.plusMillis(1), job.finished());
            assertEquals(4, job.rounds());
        }
    }

    @Test
    void roundsAreRecordedPerJobInOrder() {
        try (JobStore store = JobStore.open(dir)) {
            String a = store.newJobId();
            String b = store.newJobId();
            store.insert(running(a, "glm"));
            store.insert(running(b, "glm"));
            store.recordRound(new StoredRound(a, 1, "schema", 2, 2, 15));
            store.recordRound(new StoredRound(b, 1, "schema", 3, 2, 7));
            store.recordRound(new StoredRound(a, 2, "newton", 2, 2, 40));
            assertThrows(MedfedException.class, () -> store.recordRound(new StoredRound("nosuch", 1, "x", 0, 0, 0)));
        }
        try (JobStore store = JobStore.open(dir)) {
            assertEquals(List.of(new StoredRound("1", 1, "schema", 2, 2, 15), new StoredRound("1", 2, "newton", 2, 2, 40)),
                    store.rounds("1"));
            assertEquals(List.of(new StoredRound("2", 1, "schema", 3, 2, 7)), store.rounds("2"));
            assertEquals(List.of(), store.rounds("3"));
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        try (JobStore first = JobStore.open(dir)) {
            first.insert(running(first.newJobId(), "glm"));
            MedfedException e = assertThrows(MedfedException.class, () -> JobStore.open(dir));
            assertTrue(e.getMessage().startsWith("another hub is using " + dir.toAbsolutePath().normalize()), e.getMessage());
            assertEquals(1, e.exitCode());
            // The refused open changed nothing: the first store's job is still running.
            assertEquals(JobStatus.RUNNING, first.find("1").orElseThrow().status());
        }
        try (JobStore again = JobStore.open(dir)) {
            assertEquals(1, again.interruptedAtOpen());
        }
    }

    @Test
    void aSecondHubProcessIsRefused() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                JobStoreHolder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open", out.readLine());
            MedfedException e = assertThrows(MedfedException.class, () -> JobStore.open(dir));
            assertTrue(e.getMessage().startsWith("another hub is using "), e.getMessage());
        } finally {
            other.getOutputStream().close();
            if (!other.waitFor(60, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
        assertEquals(0, other.exitValue());
        try (JobStore store = JobStore.open(dir)) {
            assertFalse(store.list().iterator().hasNext());
        }
    }

    @Test
    void aClosedStoreRefusesUse() {
        JobStore store = JobStore.open(dir);
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, store::list);
    }
}
