package org.medfed.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medfed.error.MedfedException;
import org.medfed.methods.glm.Coefficient;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.methods.glm.GlmResult;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import picocli.CommandLine.Command;

/**
 * {@code medfed demo}: a federated logistic regression on bundled data (Hosmer &amp; Lemeshow's
 * low-birth-weight study, 189 births split over three hospitals), printed beside the same model
 * fitted on the pooled rows, with the largest difference between the two.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Federated logistic regression on bundled example data over three sites, beside the pooled fit.")
final class DemoCommand implements Callable<Integer> {
    static final String FORMULA = "low ~ age + lwt + race + smoke + ptl + ht + ui + ftv";

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("medfed-demo");
        try {
            Map<String, Path> sites = new LinkedHashMap<>();
            sites.put("hospital_a", extract(dir, "site1.csv"));
            sites.put("hospital_b", extract(dir, "site2.csv"));
            sites.put("hospital_c", extract(dir, "site3.csv"));
            Path pooled = extract(dir, "pooled.csv");
            GlmParameters parameters = GlmParameters.of(FORMULA, "binomial")
                    .withLevels(Map.of("race", List.of("white", "black", "other")));

            out.println("medfed demo: low birth weight (MASS::birthwt, Hosmer & Lemeshow 1989), 189 births held by three hospitals.");
            out.println("Model: glm(" + FORMULA + ", family = binomial), race reference level 'white'.");
            out.println("Runtime: in-process simulator (each site reads only its own file; the hub half sees only sums).");
            out.println();

            Simulation federated = Simulator.load(sites).run(new GlmMethod(), parameters, null);
            Simulation central = Simulator.load(Map.of("pooled", pooled)).run(new GlmMethod(), parameters, null);
            GlmResult f = (GlmResult) federated.result();
            GlmResult c = (GlmResult) central.result();

            out.println(f.toText());
            out.printf(Locale.ROOT, "%-12s %14s %14s %14s %14s%n", "term", "federated", "pooled", "fed. SE", "pooled SE");
            double maxDiff = 0;
            for (Coefficient fc : f.coefficients()) {
                Coefficient cc = c.coefficient(fc.term());
                out.printf(Locale.ROOT, "%-12s %14.8f %14.8f %14.8f %14.8f%n", fc.term(), fc.estimate(), cc.estimate(),
                        fc.stdError(), cc.stdError());
                maxDiff = Math.max(maxDiff, Math.abs(fc.estimate() - cc.estimate()));
                maxDiff = Math.max(maxDiff, Math.abs(fc.stdError() - cc.stdError()));
            }
            out.printf(Locale.ROOT, "%-12s %14.8f %14.8f%n", "deviance", f.fit().deviance(), c.fit().deviance());
            out.printf(Locale.ROOT, "%-12s %14.8f %14.8f%n", "AIC", f.fit().aic(), c.fit().aic());
            maxDiff = Math.max(maxDiff, Math.abs(f.fit().deviance() - c.fit().deviance()));
            out.println();
            out.printf(Locale.ROOT, "Largest absolute difference (estimates, standard errors, deviance): %.3e%n", maxDiff);
            java.util.List<String> sums = federated.releasedNames().stream().filter(n -> !n.startsWith("schema.")).toList();
            out.println("Rounds: " + federated.rounds() + ". Each site released only: which columns are numbers or text"
                    + " and which factor levels occur (schema round), then the aggregates " + String.join(", ", sums) + ".");
            return 0;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
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
