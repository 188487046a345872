package org.medfed.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.medfed.error.UsageException;
import org.medfed.methods.admm.AdmmControl;
import org.medfed.methods.svm.SvmMethod;
import org.medfed.methods.svm.SvmParameters;
import org.medfed.methods.svm.SvmResult;
import org.medfed.methods.svm.WarmStarts;
import org.medfed.simulator.Simulator;

/**
 * {@code medfed benchmark svm-online}: the rounds an svm refit takes after rows were added to or
 * removed from one site, started cold and warm from the previous fit ({@code --warm-start}, through
 * the previous result's JSON as a user would). Generates S sites whose two classes overlap; for
 * each C, each number of changed rows and each trial it draws that many rows of site 2 at random,
 * fits the data without them and with them, and refits each way round. A measurement, not a test:
 * it prints every refit and how often the warm start took fewer rounds (docs/benchmarks.md). The
 * cold fit's own count swings with small changes of the data, so a single refit says little; the
 * counts over many draws are the measure.
 */
final class SvmOnlineBenchmark {
    /** The site whose rows change: the second, as in the README's tables. */
    private static final int CHANGED_SITE = 2;

    /** One refit, cold and warm, after {@code rows} rows were added (or removed) at the changed site. */
    record Refit(double cost, int rows, boolean added, int trial, int previousRounds, SvmResult cold, SvmResult warm) {
        double ratio() {
            return (double) warm.iterations() / cold.iterations();
        }

        String label() {
            return String.format(Locale.ROOT, "C=%s, %d rows %s, trial %d", number(cost), rows, added ? "added" : "removed", trial);
        }
    }

    private final int rows;
    private final int features;
    private final int sites;
    private final long seed;
    private final Path dir;
    private final AdmmControl admm;
    private final double gapTolerance;

    /**
     * @param admm         the ADMM control of every fit (the previous, the cold and the warm)
     * @param gapTolerance the fits' duality-gap tolerance (0: the residual rule only)
     */
    SvmOnlineBenchmark(int rows, int features, int sites, long seed, Path dir, AdmmControl admm, double gapTolerance) {
        if (sites < CHANGED_SITE) {
            throw new UsageException("benchmark svm-online: needs at least " + CHANGED_SITE + " sites (rows change at site "
                    + CHANGED_SITE + "), not " + sites);
        }
        this.rows = rows;
        this.features = features;
        this.sites = sites;
        this.seed = seed;
        this.dir = dir;
        this.admm = admm;
        this.gapTolerance = gapTolerance;
    }

    /** Runs every case and prints it, then the summary; returns the refits. */
    List<Refit> run(List<Double> costs, List<Integer> changes, int trials, PrintStream out) throws IOException {
        Map<String, List<String>> lines = generate();
        int siteRows = lines.get("site" + CHANGED_SITE).size() - 1;
        for (int change : changes) {
            if (change < 1 || change >= siteRows) {
                throw new UsageException("benchmark svm-online: --changes " + change + " must be between 1 and "
                        + (siteRows - 1) + " (site " + CHANGED_SITE + " has " + siteRows + " rows)");
            }
        }
        Files.createDirectories(dir);
        Map<String, Path> full = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : lines.entrySet()) {
            full.put(e.getKey(), write(e.getKey(), e.getValue(), ""));
        }
        out.printf(Locale.ROOT, "medfed benchmark svm-online: %d sites x %d rows, %d features, seed %d; %s%n", sites,
                siteRows, features, seed, gapTolerance > 0 ? "fits certified to a relative duality gap of "
                        + number(gapTolerance) : "the residual stopping rule");
        out.printf(Locale.ROOT, "ADMM: rho %s, anderson %d; rows change at site%d%n",
                admm.rho() > 0 ? number(admm.rho()) : "default (warm: the previous fit's final)", admm.anderson(), CHANGED_SITE);
        // The data without each draw's rows, written once for every C: only the changed site's file differs.
        String changed = "site" + CHANGED_SITE;
        Map<String, Map<String, Path>> smallerData = new LinkedHashMap<>();
        for (int change : changes) {
            for (int trial = 1; trial <= trials; trial++) {
                String variant = "-without-" + change + "-t" + trial;
                Map<String, Path> smaller = new LinkedHashMap<>(full);
                smaller.put(changed, write(changed, without(lines.get(changed), change, trial), variant));
                smallerData.put(variant, smaller);
            }
        }
        List<Refit> refits = new ArrayList<>();
        for (double cost : costs) {
            SvmParameters p = SvmParameters.of(BenchmarkCommand.formula(features), cost).withAdmm(admm)
                    .withGapTolerance(gapTolerance);
            for (int change : changes) {
                for (int trial = 1; trial <= trials; trial++) {
                    Map<String, Path> smaller = smallerData.get("-without-" + change + "-t" + trial);
                    for (boolean added : new boolean[] {true, false}) {
                        Refit r = refit(p, added ? smaller : full, added ? full : smaller, change, added, trial);
                        out.println(describe(r));
                        refits.add(r);
                    }
                }
            }
        }
        summarize(refits, out);
        return refits;
    }

    private Refit refit(SvmParameters p, Map<String, Path> before, Map<String, Path> after, int change, boolean added,
                        int trial) {
        SvmResult previous = fit(before, p);
        // As a user would: the previous result's JSON document is the warm start.
        SvmParameters.WarmStart start = WarmStarts.fromResult(previous.toJson(), "previous fit");
        SvmResult cold = fit(after, p);
        SvmResult warm = fit(after, p.withWarmStart(start));
        return new Refit(p.cost(), change, added, trial, previous.iterations(), cold, warm);
    }

    private static SvmResult fit(Map<String, Path> files, SvmParameters p) {
        return (SvmResult) Simulator.load(files).run(new SvmMethod(), p, null).result();
    }

    private static String describe(Refit r) {
        String flags = (r.cold().converged() ? "" : " (cold did not converge)")
                + (r.warm().converged() ? "" : " (warm did not converge)");
        return String.format(Locale.ROOT, "%-34s previous %5d rounds; refit cold %5d, warm %5d (%.2f)  objectives %.10g, %.10g%s",
                r.label() + ":", r.previousRounds(), r.cold().iterations(), r.warm().iterations(), r.ratio(),
                r.cold().objective(), r.warm().objective(), flags);
    }

    private static void summarize(List<Refit> refits, PrintStream out) {
        if (refits.isEmpty()) {
            return;
        }
        int fewer = 0;
        int equal = 0;
        long coldRounds = 0;
        long warmRounds = 0;
        double objectiveGap = 0;
        for (Refit r : refits) {
            int c = r.cold().iterations();
            int w = r.warm().iterations();
            fewer += w < c ? 1 : 0;
            equal += w == c ? 1 : 0;
            coldRounds += c;
            warmRounds += w;
            objectiveGap = Math.max(objectiveGap, Math.abs(r.cold().objective() - r.warm().objective()) / r.cold().objective());
        }
        double[] ratios = refits.stream().mapToDouble(Refit::ratio).sorted().toArray();
        Refit worst = refits.stream().max(Comparator.comparingDouble(Refit::ratio)).orElseThrow();
        out.printf(Locale.ROOT, "summary: %d refits; warm took fewer rounds than cold in %d, as many in %d, more in %d%n",
                refits.size(), fewer, equal, refits.size() - fewer - equal);
        out.printf(Locale.ROOT, "rounds in all: cold %d, warm %d (%.0f%%); warm/cold median %.2f, largest %.2f (%s)%n",
                coldRounds, warmRounds, 100.0 * warmRounds / coldRounds, median(ratios), worst.ratio(), worst.label());
        out.printf(Locale.ROOT, "cold and warm objectives agree within %.1e relative%n", objectiveGap);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Each site's CSV lines (header first): P standard normal features and y = 1 where
     * 0.3 + Σ 0.3·j·x_j plus normal noise (sd 1.5) is positive, so the classes overlap and many
     * rows are support vectors, as in clinical data.
     */
    private Map<String, List<String>> generate() {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int s = 1; s <= sites; s++) {
            int count = rows / sites + (s <= rows % sites ? 1 : 0);
            List<String> lines = new ArrayList<>(count + 1);
            lines.add(header());
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < count; i++) {
                row.setLength(0);
                double score = 0.3;
                for (int j = 1; j <= features; j++) {
                    double x = Math.round(random.nextGaussian() * 1e6) / 1e6;
                    score += 0.3 * j * x;
                    row.append(',').append(x);
                }
                lines.add((score + 1.5 * random.nextGaussian() > 0 ? "1" : "0") + row);
            }
            out.put("site" + s, lines);
        }
        return out;
    }

    private String header() {
        StringBuilder h = new StringBuilder("y");
        for (int j = 1; j <= features; j++) {
            h.append(",x").append(j);
        }
        return h.toString();
    }

    /** The changed site's lines (header first) with {@code change} rows drawn at random (per trial) left out. */
    private List<String> without(List<String> site, int change, int trial) {
        int n = site.size() - 1;
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed * 31 + change * 1009L + trial);
        for (int i = 0; i < change; i++) {
            int k = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        boolean[] drop = new boolean[n];
        for (int i = 0; i < change; i++) {
            drop[order[i]] = true;
        }
        List<String> kept = new ArrayList<>(n - change + 1);
        kept.add(site.get(0));
        for (int i = 0; i < n; i++) {
            if (!drop[i]) {
                kept.add(site.get(i + 1));
            }
        }
        return kept;
    }

    /** Writes one site's lines to its file in the benchmark's directory; {@code suffix} names a variant. */
    private Path write(String site, List<String> lines, String suffix) throws IOException {
        String stem = String.format(Locale.ROOT, "svm-online-n%d-p%d-s%d-seed%d", rows, features, sites, seed);
        Path f = dir.resolve(stem + "-" + site + suffix + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            for (String line : lines) {
                w.write(line);
                w.newLine();
            }
        }
        return f;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
