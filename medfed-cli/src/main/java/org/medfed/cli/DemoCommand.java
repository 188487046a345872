package org.medfed.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.JsonNode;
import org.medfed.analyst.AnalystClient;
import org.medfed.audit.AuditVerifier;
import org.medfed.audit.VerifyReport;
import org.medfed.error.MedfedException;
import org.medfed.loopback.LoopbackConsortium;
import org.medfed.methods.Invocation;
import org.medfed.transport.proto.JobRecord;
import org.medfed.methods.glm.Coefficient;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.methods.glm.GlmResult;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import picocli.CommandLine.Command;

/**
 * {@code medfed demo}: a federated logistic regression on bundled data (Hosmer &amp; Lemeshow's
 * low-birth-weight study, 189 births split over three hospitals), run on a real deployment on
 * 127.0.0.1 — a fresh consortium CA, a hub and three site agents talking gRPC over mutual TLS,
 * each site releasing through its release gate into its audit log — printed beside the same
 * model fitted on the pooled rows, with the largest difference between the two.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts a hub and three sites on 127.0.0.1 (fresh certificates, mutual TLS), runs a federated "
                + "logistic regression on bundled data, and prints it beside the pooled fit.")
final class DemoCommand implements Callable<Integer> {
    static final String FORMULA = "low ~ age + lwt + race + smoke + ptl + ht + ui + ftv";
    private static final List<String> SITES = List.of("hospital_a", "hospital_b", "hospital_c");

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("medfed-demo");
        try {
            LoopbackConsortium.Builder builder = LoopbackConsortium.builder(dir);
            for (int i = 0; i < SITES.size(); i++) {
                builder.site(SITES.get(i), "birthwt", extract(dir, "site" + (i + 1) + ".csv"));
            }
            Path pooled = extract(dir, "pooled.csv");
            GlmParameters parameters = GlmParameters.of(FORMULA, "binomial")
                    .withLevels(Map.of("race", List.of("white", "black", "other")));

            out.println("medfed demo: low birth weight (MASS::birthwt, Hosmer & Lemeshow 1989), 189 births held by three hospitals.");
            out.println("Model: glm(" + FORMULA + ", family = binomial), race reference level 'white'.");
            JobRecord record;
            int port;
            try (LoopbackConsortium consortium = builder.start(); AnalystClient analyst = consortium.analyst()) {
                port = consortium.hub().port();
                out.println("Deployment: a fresh consortium CA in " + dir.resolve("pki") + "; a hub on 127.0.0.1:" + port
                        + "; site agents " + String.join(", ", SITES) + " dialing out to it over mutual TLS, each with"
                        + " the default release policy (min_rows 10, max_parameters_ratio 0.33, min_sites 3,"
                        + " differencing guard, ...) and its own audit log.");
                out.println();
                record = analyst.submit(Invocation.of(new GlmMethod(), parameters), "birthwt", null, SITES,
                        new Progress(System.err, false)::accept);
                if (!record.getStatus().equals("succeeded")) {
                    throw new MedfedException("demo job " + record.getStatus() + ": " + record.getError());
                }
                out.println();
                out.println(record.getResultText());
                Simulation central = Simulator.load(Map.of("pooled", pooled)).run(new GlmMethod(), parameters, null);
                compare(out, OutputOptions.JSON.readTree(record.getResultJson()), (GlmResult) central.result());
                out.println();
                boolean secure = OutputOptions.JSON.readTree(record.getResultJson()).path("privacy")
                        .path("secure_aggregation").asBoolean();
                out.println("Rounds: " + record.getRounds() + ". Each site released only which columns are numbers or text"
                        + " and which factor levels occur (schema round), then "
                        + (secure ? "these quantities (every sum masked by secure aggregation, so the hub learned only"
                        + " totals; the per-site row counts in clear): " : "these quantities: ")
                        + String.join(", ",
                        released(record).stream().filter(n -> !n.startsWith("schema.")).toList()) + ".");
                for (String site : SITES) {
                    Path log = consortium.siteConfig(site).auditLog();
                    VerifyReport report = AuditVerifier.verify(log);
                    out.println("Audit log of " + site + ": " + report.records() + " records, chain "
                            + (report.ok() ? "intact" : "BROKEN") + " (medfed audit show --log FILE prints it).");
                }
            }
            return 0;
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    private static void compare(PrintStream out, JsonNode federated, GlmResult pooled) {
        out.printf(Locale.ROOT, "%-12s %14s %14s %14s %14s%n", "term", "federated", "pooled", "fed. SE", "pooled SE");
        double maxDiff = 0;
        for (JsonNode fc : federated.path("coefficients")) {
            Coefficient cc = pooled.coefficient(fc.path("term").asText());
            double est = fc.path("estimate").asDouble();
            double se = fc.path("std_error").asDouble();
            out.printf(Locale.ROOT, "%-12s %14.8f %14.8f %14.8f %14.8f%n", fc.path("term").asText(), est, cc.estimate(),
                    se, cc.stdError());
            maxDiff = Math.max(maxDiff, Math.abs(est - cc.estimate()));
            maxDiff = Math.max(maxDiff, Math.abs(se - cc.stdError()));
        }
        double deviance = federated.path("fit").path("deviance").asDouble();
        out.printf(Locale.ROOT, "%-12s %14.8f %14.8f%n", "deviance", deviance, pooled.fit().deviance());
        out.printf(Locale.ROOT, "%-12s %14.8f %14.8f%n", "AIC", federated.path("fit").path("aic").asDouble(), pooled.fit().aic());
        maxDiff = Math.max(maxDiff, Math.abs(deviance - pooled.fit().deviance()));
        out.println();
        out.printf(Locale.ROOT, "Largest absolute difference (estimates, standard errors, deviance): %.3e%n", maxDiff);
    }

    private static List<String> released(JobRecord record) {
        try {
            List<String> names = new java.util.ArrayList<>();
            OutputOptions.JSON.readTree(record.getResultJson()).path("privacy").path("released")
                    .forEach(n -> names.add(n.asText()));
            return names;
        } catch (IOException e) {
            return List.of();
        }
    }


    private static Path extract(Path dir, String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new MedfedException("demo data " + name + " is missing from the jar");
            }
            Path target = dir.resolve(name);
            Files.copy(in, target);
            return target;
        }
    }
}
