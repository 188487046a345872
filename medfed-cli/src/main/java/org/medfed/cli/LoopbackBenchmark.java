package org.medfed.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medfed.analyst.AnalystClient;
import org.medfed.error.MedfedException;
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
 */
final class LoopbackBenchmark {
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

    void run(PrintStream out) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("medfed-bench-loopback");
        try {
            LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir).roundTimeout(Duration.ofMinutes(5))
                    .secureAggregation(secure);
            files.forEach((site, file) -> b.site(site, "data", file));
            long t0 = System.nanoTime();
            try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
                out.printf(Locale.ROOT, "loopback: hub + %d site agents (mutual TLS) up in %.3f s; secure aggregation %s%n",
                        files.size(), (System.nanoTime() - t0) / 1e9, secure ? "on" : "off (sums in clear)");
                List<Double> rounds = new ArrayList<>();
                for (int r = 1; r <= repeat; r++) {
                    List<Double> elapsed = new ArrayList<>();
                    long j0 = System.nanoTime();
                    JobRecord job = analyst.submit(Invocation.of(new GlmMethod(), parameters), "data", null,
                            new ArrayList<>(files.keySet()), e -> {
                                if (e.hasProgress() && e.getProgress().getNote().isEmpty()
                                        && e.getProgress().getSitesAnswered() == e.getProgress().getSitesAsked()) {
                                    elapsed.add(e.getProgress().getElapsedSeconds());
                                }
                            });
                    double total = (System.nanoTime() - j0) / 1e9;
                    if (!job.getStatus().equals("succeeded")) {
                        throw new MedfedException("loopback job failed: " + job.getError());
                    }
                    List<Double> perRound = new ArrayList<>();
                    for (int i = 1; i < elapsed.size(); i++) {
                        perRound.add(elapsed.get(i) - elapsed.get(i - 1));
                    }
                    if (r > 1) {
                        rounds.addAll(perRound); // the first job warms the JIT of every agent
                    }
                    out.printf(Locale.ROOT, "job %d: %.3f s, %d rounds; iterate rounds %s s%n", r, total, job.getRounds(),
                            perRound.stream().map(d -> String.format(Locale.ROOT, "%.3f", d)).toList());
                    consortium.hub().secureAggregationTimes(job.getJob()).ifPresent(c -> out.printf(Locale.ROOT,
                            "       secure aggregation at the hub (wall clock): key set-up %.1f ms, unmasking %.1f ms"
                                    + " (%d of %d masked rounds had an unmasking step)%n", c.keyAgreementSeconds() * 1e3,
                            c.unmaskingSeconds() * 1e3, c.unmaskingSteps(), c.maskedRounds()));
                }
                if (!rounds.isEmpty()) {
                    List<Double> sorted = rounds.stream().sorted().toList();
                    out.printf(Locale.ROOT, "round time over jobs 2..%d: median %.3f s, max %.3f s (%d rounds)%n", repeat,
                            sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
                }
            }
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }
}
