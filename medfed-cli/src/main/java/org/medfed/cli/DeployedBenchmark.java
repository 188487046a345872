package org.medfed.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.medfed.analyst.AnalystClient;
import org.medfed.config.HostPort;
import org.medfed.error.MedfedException;
import org.medfed.hub.Hub;
import org.medfed.hub.HubConfig;
import org.medfed.hub.SecAggTimes;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.pki.ConsortiumCa;
import org.medfed.pki.Role;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.transport.Tls;
import org.medfed.transport.proto.JobRecord;

/**
 * The deployed half of {@code medfed benchmark glm --deployed}: a hub in this JVM and one
 * {@code medfed site} process per site file on 127.0.0.1 (mutual TLS, default policy, audit logs),
 * each reading its own file at start-up. It times the same fit in the simulator and through the
 * hub, alternating, and reports the per-round overhead of the deployment.
 */
final class DeployedBenchmark {
    private final Map<String, Path> files;
    private final GlmParameters parameters;
    private final int repeat;
    private final boolean secure;

    /** @param secure secure aggregation at the hub (and in the simulator it is compared with), else sums in clear */
    DeployedBenchmark(Map<String, Path> files, GlmParameters parameters, int repeat, boolean secure) {
        this.files = files;
        this.parameters = parameters;
        this.repeat = repeat;
        this.secure = secure;
    }

    void run(PrintStream out) throws IOException {
        Path dir = Files.createTempDirectory("medfed-bench-deploy");
        List<Process> sites = new ArrayList<>();
        try {
            ConsortiumCa ca = ConsortiumCa.init(dir.resolve("pki"), "Benchmark consortium");
            Path caPem = dir.resolve("pki").resolve("ca.pem");
            var hubFiles = ca.issue("hub", Role.HUB, List.of("127.0.0.1"), Duration.ofDays(1));
            Hub hub = Hub.start(HubConfig.of(new HostPort("127.0.0.1", 0),
                    new Tls(caPem, hubFiles.certificate(), hubFiles.privateKey()), dir.resolve("hub-data"),
                    Duration.ofMinutes(5)).withSecureAggregation(secure));
            try {
                long t0 = System.nanoTime();
                for (Map.Entry<String, Path> e : files.entrySet()) {
                    sites.add(startSite(dir, ca, caPem, e.getKey(), e.getValue(), hub.port(), !secure));
                }
                while (hub.connectedSites().size() < files.size()) {
                    for (Process p : sites) {
                        if (!p.isAlive()) {
                            throw new MedfedException("a site process exited with " + p.exitValue() + "; see " + dir);
                        }
                    }
                    Thread.sleep(20);
                }
                double startup = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "deployed: %d site processes started, read their files and connected in %.3f s%n",
                        files.size(), startup);
                var analystFiles = ca.issue("analyst", Role.ANALYST, List.of(), Duration.ofDays(1));
                // The simulator it is compared with aggregates the same way as the hub.
                Simulator simulator = Simulator.load(files).withSecureAggregation(secure);
                out.println("deployed: secure aggregation " + (secure ? "on" : "off (sums in clear)"));
                double bestSim = Double.MAX_VALUE;
                double bestHub = Double.MAX_VALUE;
                List<Double> simTimes = new ArrayList<>();
                List<Double> hubTimes = new ArrayList<>();
                int rounds = 0;
                List<String> jobIds = new ArrayList<>();
                List<Double> iterateRounds = new ArrayList<>();
                List<SecAggTimes> hubCosts = new ArrayList<>();
                try (AnalystClient analyst = new AnalystClient(new HostPort("127.0.0.1", hub.port()),
                        new Tls(caPem, analystFiles.certificate(), analystFiles.privateKey()))) {
                    for (int r = 1; r <= repeat; r++) {
                        long s0 = System.nanoTime();
                        Simulation sim = simulator.run(new GlmMethod(), parameters, null);
                        double simFit = (System.nanoTime() - s0) / 1e9;
                        List<Double> elapsed = new ArrayList<>();
                        long h0 = System.nanoTime();
                        JobRecord job = analyst.submit(Invocation.of(new GlmMethod(), parameters), "data", null,
                                new ArrayList<>(files.keySet()), e -> {
                                    // the hub's time at the end of each complete round
                                    if (e.hasProgress() && e.getProgress().getNote().isEmpty()
                                            && e.getProgress().getSitesAnswered() == e.getProgress().getSitesAsked()) {
                                        elapsed.add(e.getProgress().getElapsedSeconds());
                                    }
                                });
                        double hubFit = (System.nanoTime() - h0) / 1e9;
                        if (!job.getStatus().equals("succeeded")) {
                            throw new MedfedException("deployed job failed: " + job.getError());
                        }
                        rounds = job.getRounds();
                        jobIds.add(job.getJob());
                        simTimes.add(simFit);
                        hubTimes.add(hubFit);
                        bestSim = Math.min(bestSim, simFit);
                        bestHub = Math.min(bestHub, hubFit);
                        out.printf(Locale.ROOT, "run %d: fit in the simulator %.3f s, deployed %.3f s (%d rounds; "
                                        + "overhead %.1f ms per round)%n", r, simFit, hubFit, rounds,
                                (hubFit - simFit) / rounds * 1e3);
                        // Rounds 2.. (round 1 also holds the offer and any key set-up), as in --loopback.
                        List<Double> perRound = new ArrayList<>();
                        for (int i = 1; i < elapsed.size(); i++) {
                            perRound.add(elapsed.get(i) - elapsed.get(i - 1));
                        }
                        if (r > 1) {
                            iterateRounds.addAll(perRound);
                        }
                        out.printf(Locale.ROOT, "       iterate rounds %s s%n",
                                perRound.stream().map(d -> String.format(Locale.ROOT, "%.3f", d)).toList());
                        if (r == 1 && !sameCoefficients(sim, job)) {
                            throw new MedfedException("the deployed result differs from the simulator's");
                        }
                        var costs = hub.secureAggregationTimes(job.getJob());
                        if (costs.isPresent()) {
                            SecAggTimes c = costs.get();
                            hubCosts.add(c);
                            out.printf(Locale.ROOT, "       secure aggregation at the hub (wall clock): key set-up %.1f ms, "
                                            + "unmasking %.1f ms (%d of %d masked rounds had an unmasking step)%n",
                                    c.keyAgreementSeconds() * 1e3, c.unmaskingSeconds() * 1e3, c.unmaskingSteps(),
                                    c.maskedRounds());
                        }
                    }
                }
                out.printf(Locale.ROOT, "best fit: simulator %.3f s, deployed %.3f s: ratio %.3f; overhead %.1f ms per round (%d rounds)%n",
                        bestSim, bestHub, bestHub / bestSim, (bestHub - bestSim) / rounds * 1e3, rounds);
                double medSim = median(simTimes);
                double medHub = median(hubTimes);
                out.printf(Locale.ROOT, "median fit: simulator %.3f s, deployed %.3f s: ratio %.3f; overhead %.1f ms per round%n",
                        medSim, medHub, medHub / medSim, (medHub - medSim) / rounds * 1e3);
                if (!iterateRounds.isEmpty()) {
                    out.printf(Locale.ROOT, "deployed round time over jobs 2..%d, rounds 2..: median %.1f ms, best %.1f ms (%d rounds)%n",
                            repeat, median(iterateRounds) * 1e3,
                            iterateRounds.stream().mapToDouble(Double::doubleValue).min().orElse(0) * 1e3, iterateRounds.size());
                }
                if (secure) {
                    reportSecAggCosts(out, dir, hubCosts, jobIds);
                }
            } finally {
                hub.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MedfedException("interrupted");
        } finally {
            sites.forEach(Process::destroy);
            for (Process p : sites) {
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            TempDirs.deleteRecursively(dir);
        }
    }

    /**
     * Secure aggregation's three costs over jobs 2..n (the first warms the JITs): at the hub, the
     * key set-up and unmasking as the job waited for them; at the sites, each one's own key
     * agreement, masking and unmasking work, which the site processes log when a job closes.
     */
    private void reportSecAggCosts(PrintStream out, Path dir, List<SecAggTimes> hubCosts, List<String> jobIds)
            throws InterruptedException, IOException {
        List<SecAggTimes> warm = hubCosts.size() > 1 ? hubCosts.subList(1, hubCosts.size()) : hubCosts;
        if (!warm.isEmpty()) {
            out.printf(Locale.ROOT, "secure aggregation at the hub, median over jobs %s: key set-up %.1f ms, unmasking %.1f ms per job%n",
                    hubCosts.size() > 1 ? "2.." + hubCosts.size() : "1",
                    median(warm.stream().map(c -> c.keyAgreementSeconds() * 1e3).toList()),
                    median(warm.stream().map(c -> c.unmaskingSeconds() * 1e3).toList()));
        }
        // A site logs its costs when it hears that the job closed, just after the analyst does.
        Map<String, List<double[]>> perJob = new HashMap<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        String last = jobIds.isEmpty() ? null : jobIds.get(jobIds.size() - 1);
        do {
            perJob.clear();
            for (String site : files.keySet()) {
                Path log = dir.resolve(site + ".log");
                if (!Files.exists(log)) {
                    continue;
                }
                for (String line : Files.readAllLines(log)) {
                    var m = SITE_COSTS.matcher(line);
                    if (m.find()) {
                        perJob.computeIfAbsent(m.group(1), j -> new ArrayList<>()).add(new double[] {
                            Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                            Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))});
                    }
                }
            }
            if (last == null || perJob.getOrDefault(last, List.of()).size() == files.size()) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        List<Double> key = new ArrayList<>();
        List<Double> mask = new ArrayList<>();
        List<Double> unmask = new ArrayList<>();
        List<Double> maskedRounds = new ArrayList<>();
        for (String job : jobIds.subList(jobIds.size() > 1 ? 1 : 0, jobIds.size())) {
            for (double[] c : perJob.getOrDefault(job, List.of())) {
                key.add(c[0]);
                mask.add(c[1]);
                maskedRounds.add(c[2]);
                unmask.add(c[3]);
            }
        }
        if (!key.isEmpty()) {
            double rounds = median(maskedRounds);
            out.printf(Locale.ROOT, "secure aggregation at each site (CPU time), median over sites and jobs %s: key agreement %.2f ms,"
                            + " masking %.2f ms per job (%.2f ms per round), unmasking %.2f ms per job%n",
                    jobIds.size() > 1 ? "2.." + jobIds.size() : "1", median(key), median(mask),
                    rounds > 0 ? median(mask) / rounds : 0.0, median(unmask));
        }
    }

    private static final Pattern SITE_COSTS = Pattern.compile(
            "secure aggregation of job (\\S+): key agreement ([0-9.]+) ms, masking ([0-9.]+) ms \\(([0-9]+) rounds\\),"
                    + " unmasking ([0-9.]+) ms");

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static boolean sameCoefficients(Simulation sim, JobRecord job) throws IOException {
        var deployed = OutputOptions.JSON.readTree(job.getResultJson()).path("coefficients");
        return deployed.equals(sim.toJson().path("coefficients"));
    }

    /** One {@code medfed site} process, with this JVM's options and class path. */
    private static Process startSite(Path dir, ConsortiumCa ca, Path caPem, String name, Path file, int port,
                                     boolean allowPlain) throws IOException {
        var certs = ca.issue(name, Role.SITE, List.of(), Duration.ofDays(1));
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, String.join("\n",
                "name: " + name,
                "hub: 127.0.0.1:" + port,
                "tls: {ca: '" + caPem + "', cert: '" + certs.certificate() + "', key: '" + certs.privateKey() + "'}",
                "datasets:",
                "  data: {path: '" + file.toAbsolutePath() + "'}",
                "audit_log: '" + dir.resolve(name + "-audit.jsonl") + "'",
                "policy: {allow_plain_aggregation: " + allowPlain + "}",
                "state_dir: '" + dir.resolve(name + "-state") + "'",
                ""));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-XX:SharedArchiveFile") && !arg.startsWith("-XX:ArchiveClassesAtExit")
                    && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("site");
        command.add("--config");
        command.add(config.toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }
}
