package org.medfed.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.medfed.analyst.AnalystClient;
import org.medfed.error.MedfedException;
import org.medfed.hub.SecAggTimes;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.transport.proto.JobRecord;

/**
 * {@code medfed benchmark glm --loopback}: one hub and S site agents in this JVM, every message
 * over a real mutual-TLS socket on 127.0.0.1, and the time of each round as the hub reports it.
 * With P = 30 features a round is a sum of a 31 × 31 information matrix and a 31-vector — about
 * 1,000 numbers per site — which is the SPEC's "hub serves 100 sites" case.
 *
 * <p>With {@code --compare-aggregation} it starts two such consortia side by side, one with
 * secure aggregation and one with sums in clear, and alternates jobs between them (plain then
 * secure, then secure then plain, ..., each after a 100 ms pause), so that both see the same JIT
 * state and background load and neither always runs in the other's wake; the first job of each
 * warms up and is not counted. Round times are the hub's own (nanosecond clock), reported to
 * 0.01 ms, split into the job's first iterate round (which holds the one unmasking step of secure
 * aggregation) and the later ones (masking only).
 */
final class LoopbackBenchmark {
    /** Pause before each job of a comparison. */
    private static final long SETTLE_MILLIS = 100;

    private final Map<String, Path> files;
    private final GlmParameters parameters;
    private final int repeat;
    private final boolean secure;

    /** @param secure secure aggregation (the default), else sums in clear (the sites' policies allow it) */
    LoopbackBenchmark(Map<String, Path> files, GlmParameters parameters, int repeat, boolean secure) {
        this.files = files;
        this.parameters = parameters;
        this.repeat = repeat;
        this.secure = secure;
    }

    /** One job's times: the whole job, and each iterate round (rounds after the first progress event). */
    private record JobTiming(double seconds, double cpuSeconds, List<Double> rounds, Optional<SecAggTimes> secAgg) {
        List<Double> later() {
            return rounds.size() > 1 ? rounds.subList(1, rounds.size()) : List.of();
        }
    }

    void run(PrintStream out) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("medfed-bench-loopback");
        try (LoopbackConsortium consortium = start(dir, secure, out); AnalystClient analyst = consortium.analyst()) {
            List<JobTiming> timed = new ArrayList<>();
            for (int r = 1; r <= repeat; r++) {
                JobTiming t = job(consortium, analyst);
                print(out, "job " + r, t);
                if (r > 1) {
                    timed.add(t); // the first job warms the JIT of every agent
                }
            }
            if (!timed.isEmpty()) {
                List<Double> rounds = timed.stream().flatMap(t -> t.rounds().stream()).sorted().toList();
                out.printf(Locale.ROOT, "round time over jobs 2..%d: median %.2f ms, max %.2f ms (%d rounds)%n", repeat,
                        median(rounds) * 1e3, rounds.get(rounds.size() - 1) * 1e3, rounds.size());
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    /** Alternating jobs on a plain and a secure consortium; prints both and the overhead. */
    void compare(PrintStream out) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("medfed-bench-loopback");
        try (LoopbackConsortium plain = start(dir.resolve("plain"), false, out);
                AnalystClient plainAnalyst = plain.analyst();
                LoopbackConsortium masked = start(dir.resolve("secure"), true, out);
                AnalystClient maskedAnalyst = masked.analyst()) {
            List<JobTiming> plainJobs = new ArrayList<>();
            List<JobTiming> secureJobs = new ArrayList<>();
            for (int r = 1; r <= repeat; r++) {
                // The order alternates, so that neither kind always follows the other, and each
                // job starts after the previous one's aftermath (result storage, job close at the
                // sites, the analyst's stream) has settled.
                JobTiming p;
                JobTiming s;
                if (r % 2 == 1) {
                    p = settledJob(plain, plainAnalyst);
                    s = settledJob(masked, maskedAnalyst);
                } else {
                    s = settledJob(masked, maskedAnalyst);
                    p = settledJob(plain, plainAnalyst);
                }
                print(out, "job " + r + " plain ", p);
                print(out, "job " + r + " secure", s);
                if (r > 1) {
                    plainJobs.add(p);
                    secureJobs.add(s);
                }
            }
            if (plainJobs.isEmpty()) {
                return;
            }
            out.printf(Locale.ROOT, "over jobs 2..%d (%d pairs), medians:%n", repeat, plainJobs.size());
            Summary p = Summary.of(plainJobs);
            Summary s = Summary.of(secureJobs);
            out.printf(Locale.ROOT, "  %-40s %10s %10s %9s%n", "", "plain", "secure", "overhead");
            row(out, "job", p.job, s.job);
            row(out, "job's CPU time, all parties", p.cpu, s.cpu);
            row(out, "iterate round, all", p.all, s.all);
            row(out, "first iterate round (unmasking step)", p.first, s.first);
            row(out, "later rounds (masking only)", p.later, s.later);
            List<SecAggTimes> costs = secureJobs.stream().flatMap(j -> j.secAgg().stream()).toList();
            if (!costs.isEmpty()) {
                out.printf(Locale.ROOT, "  secure aggregation at the hub, per job (median): key set-up %.2f ms, unmasking %.2f ms%n",
                        median(costs.stream().map(SecAggTimes::keyAgreementSeconds).sorted().toList()) * 1e3,
                        median(costs.stream().map(SecAggTimes::unmaskingSeconds).sorted().toList()) * 1e3);
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    private record Summary(double job, double cpu, double all, double first, double later) {
        static Summary of(List<JobTiming> jobs) {
            return new Summary(
                    median(jobs.stream().map(JobTiming::seconds).sorted().toList()),
                    median(jobs.stream().map(JobTiming::cpuSeconds).sorted().toList()),
                    median(jobs.stream().flatMap(j -> j.rounds().stream()).sorted().toList()),
                    median(jobs.stream().filter(j -> !j.rounds().isEmpty()).map(j -> j.rounds().get(0)).sorted().toList()),
                    median(jobs.stream().flatMap(j -> j.later().stream()).sorted().toList()));
        }
    }

    private static void row(PrintStream out, String what, double plain, double secure) {
        out.printf(Locale.ROOT, "  %-40s %7.2f ms %7.2f ms %+8.1f%%%n", what, plain * 1e3, secure * 1e3,
                100 * (secure - plain) / plain);
    }

    private LoopbackConsortium start(Path dir, boolean secureAggregation, PrintStream out)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir).roundTimeout(Duration.ofMinutes(5))
                .secureAggregation(secureAggregation);
        files.forEach((site, file) -> b.site(site, "data", file));
        long t0 = System.nanoTime();
        LoopbackConsortium consortium = b.start();
        out.printf(Locale.ROOT, "loopback: hub + %d site agents (mutual TLS) up in %.3f s; secure aggregation %s%n",
                files.size(), (System.nanoTime() - t0) / 1e9, secureAggregation ? "on" : "off (sums in clear)");
        return consortium;
    }

    private JobTiming settledJob(LoopbackConsortium consortium, AnalystClient analyst) throws InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        return job(consortium, analyst);
    }

    private JobTiming job(LoopbackConsortium consortium, AnalystClient analyst) throws InterruptedException {
        List<Double> elapsed = new ArrayList<>();
        long c0 = processCpuNanos();
        long j0 = System.nanoTime();
        JobRecord job = analyst.submit(Invocation.of(new GlmMethod(), parameters), "data", null,
                new ArrayList<>(files.keySet()), e -> {
                    if (e.hasProgress() && e.getProgress().getNote().isEmpty()
                            && e.getProgress().getSitesAnswered() == e.getProgress().getSitesAsked()) {
                        elapsed.add(e.getProgress().getElapsedSeconds());
                    }
                });
        double total = (System.nanoTime() - j0) / 1e9;
        double cpu = (processCpuNanos() - c0) / 1e9;
        if (!job.getStatus().equals("succeeded")) {
            throw new MedfedException("loopback job failed: " + job.getError());
        }
        List<Double> rounds = new ArrayList<>();
        for (int i = 1; i < elapsed.size(); i++) {
            rounds.add(elapsed.get(i) - elapsed.get(i - 1));
        }
        return new JobTiming(total, cpu, rounds, consortium.hub().secureAggregationTimes(job.getJob()));
    }

    /** CPU time of this whole process (hub, sites and analyst): the job's, when nothing else runs. */
    private static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    private static void print(PrintStream out, String label, JobTiming t) {
        out.printf(Locale.ROOT, "%s: %.1f ms (CPU, all parties: %.1f ms); iterate rounds %s ms%n", label, t.seconds() * 1e3,
                t.cpuSeconds() * 1e3,
                t.rounds().stream().map(d -> String.format(Locale.ROOT, "%.2f", d * 1e3)).collect(Collectors.joining(", ")));
        t.secAgg().ifPresent(c -> out.printf(Locale.ROOT,
                "       secure aggregation at the hub (wall clock): key set-up %.2f ms, unmasking %.2f ms"
                        + " (%d of %d masked rounds had an unmasking step)%n", c.keyAgreementSeconds() * 1e3,
                c.unmaskingSeconds() * 1e3, c.unmaskingSteps(), c.maskedRounds()));
    }

    private static double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
