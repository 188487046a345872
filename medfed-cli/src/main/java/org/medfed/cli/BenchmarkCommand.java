package org.medfed.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.linalg.WeightedCrossProduct;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medfed benchmark glm}: generates N rows × P features of synthetic logistic data split
 * over S site files, then times the federated fit end to end (file reads included) and the local
 * {@code X'WX + X'Wz} kernel. {@code medfed benchmark svm-online} counts the ADMM rounds of svm
 * refits after rows changed at one site, cold against warm ({@link SvmOnlineBenchmark}). Results go
 * in docs/benchmarks.md; never timed in unit tests.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Benchmark federated logistic regression (glm), or count the rounds of svm online updates "
                + "cold against warm (svm-online), on generated data (see docs/benchmarks.md).")
final class BenchmarkCommand implements Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "METHOD", defaultValue = "glm",
            description = "glm or svm-online. Default: ${DEFAULT-VALUE}. svm-online also takes simulate svm's ADMM and "
                    + "stopping options (--rho, --eps-abs, --eps-rel, --max-iterations, --relaxation, "
                    + "--[no-]balance-residuals, --anderson, --gap-tolerance) for every fit.")
    String method;

    @Option(names = "--rows", description = "Total rows N. Default: 1000000 (glm), 4500 (svm-online).")
    Integer rows;

    @Option(names = "--features", description = "Numeric features P. Default: 20 (glm), 6 (svm-online).")
    Integer features;

    @Option(names = "--sites", defaultValue = "3", description = "Sites S. Default: ${DEFAULT-VALUE}.")
    int sites;

    @Option(names = "--dir", defaultValue = "bench-data", description = "Where the site files go. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(names = "--format", defaultValue = "csv", description = "csv or parquet. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--seed", defaultValue = "20261128", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--repeat", defaultValue = "3", description = "Timed repetitions (the first run also counts as warm-up). Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--deployed", description = "Also run the fit deployed: a hub in this process and one site "
            + "process per site on 127.0.0.1 over mutual TLS, timed against the simulator.")
    boolean deployed;

    @Option(names = "--secure-aggregation", description = "Simulator runs compute every sum by secure aggregation "
            + "and report key agreement, masking and unmasking times.")
    boolean secureAggregation;

    @Option(names = "--plain-aggregation", description = "With --deployed or --loopback: sums in clear instead of the "
            + "default secure aggregation (the sites' policies allow it for the benchmark).")
    boolean plainAggregation;

    @Option(names = "--loopback", description = "Also run the fit on a hub and S site agents in this JVM over "
            + "mutual-TLS sockets on 127.0.0.1, and report the time of each round.")
    boolean loopback;

    @Option(names = "--compare-aggregation", description = "With --loopback: two consortia side by side, one with "
            + "secure aggregation and one with sums in clear, jobs alternating between them; prints both and the overhead.")
    boolean compareAggregation;

    @Option(names = "--costs", split = ",", defaultValue = "1,0.1,0.01", paramLabel = "C,...",
            description = "svm-online: the values of C. Default: ${DEFAULT-VALUE}.")
    List<Double> costs;

    @Option(names = "--changes", split = ",", defaultValue = "5,20", paramLabel = "K,...",
            description = "svm-online: how many rows of site2 are added or removed. Default: ${DEFAULT-VALUE}.")
    List<Integer> changes;

    @Option(names = "--trials", defaultValue = "3", paramLabel = "T",
            description = "svm-online: random draws of the changed rows per C and count. Default: ${DEFAULT-VALUE}.")
    int trials;

    @Mixin
    SvmAdmmOptions svm = new SvmAdmmOptions();

    @Override
    public Integer call() throws IOException {
        if (method.equals("svm-online")) {
            return svmOnline();
        }
        if (!method.equals("glm")) {
            throw new UsageException("benchmark: METHOD must be glm or svm-online, not '" + method + "'");
        }
        int rows = this.rows == null ? 1_000_000 : this.rows;
        int features = this.features == null ? 20 : this.features;
        if (!format.equals("csv") && !format.equals("parquet")) {
            throw new MedfedException("--format must be csv or parquet");
        }
        if (compareAggregation && (!loopback || plainAggregation)) {
            throw new UsageException("--compare-aggregation needs --loopback and runs both kinds of "
                    + "aggregation itself (drop --plain-aggregation)");
        }
        Map<String, Path> files = generate(rows, features);
        GlmParameters parameters = GlmParameters.of(formula(features), "binomial");
        System.out.printf(Locale.ROOT, "medfed benchmark: N=%d P=%d S=%d format=%s, %d cores, Java %s%n",
                rows, features, sites, format, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        double best = Double.MAX_VALUE;
        for (int r = 1; r <= repeat; r++) {
            long t0 = System.nanoTime();
            Simulator simulator = Simulator.load(files);
            long t1 = System.nanoTime();
            Simulation sim = simulator.withSecureAggregation(secureAggregation).run(new GlmMethod(), parameters, null);
            long t2 = System.nanoTime();
            double total = (t2 - t0) / 1e9;
            best = Math.min(best, total);
            System.out.printf(Locale.ROOT, "run %d: end-to-end %.3f s (read %.3f s, fit %.3f s, %d rounds, %d iterations)%n",
                    r, total, (t1 - t0) / 1e9, (t2 - t1) / 1e9, sim.rounds(),
                    sim.toJson().get("iterations").asInt());
            if (sim.secureAggregation()) {
                double[] c = sim.secureAggregationSeconds();
                System.out.printf(Locale.ROOT, "       secure aggregation: key agreement %.4f s, masking %.4f s, unmasking %.4f s%n",
                        c[0], c[1], c[2]);
            }
        }
        System.out.printf(Locale.ROOT, "best end-to-end: %.3f s%n", best);
        if (deployed) {
            new DeployedBenchmark(files, parameters, repeat, !plainAggregation).run(System.out);
            return 0;
        }
        if (loopback) {
            try {
                LoopbackBenchmark benchmark = new LoopbackBenchmark(files, parameters, repeat, !plainAggregation);
                if (compareAggregation) {
                    benchmark.compare(System.out);
                } else {
                    benchmark.run(System.out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        kernel(rows, features);
        return 0;
    }

    private int svmOnline() throws IOException {
        if (trials < 1) {
            throw new UsageException("--trials must be at least 1, not " + trials);
        }
        if (!(svm.gapTolerance >= 0) || svm.gapTolerance >= 1) {
            throw new UsageException("--gap-tolerance must be in [0, 1), not " + svm.gapTolerance);
        }
        for (double c : costs) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new UsageException("--costs: C must be a positive number, not " + c);
            }
        }
        new SvmOnlineBenchmark(rows == null ? 4500 : rows, features == null ? 6 : features, sites, seed, dir, svm.control(),
                svm.gapTolerance).run(costs, changes, trials, System.out);
        return 0;
    }

    /** The formula of the generated files: {@code y ~ x1 + ... + xP}. */
    static String formula(int features) {
        StringBuilder f = new StringBuilder("y ~ x1");
        for (int j = 2; j <= features; j++) {
            f.append(" + x").append(j);
        }
        return f.toString();
    }

    /** Rows per second of one X'WX + X'Wz pass over a column-major block of N rows × (P+1) columns. */
    private void kernel(int rows, int features) {
        int p = features + 1;
        double[][] x = new double[p][rows];
        double[] w = new double[rows];
        double[] z = new double[rows];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < rows; i++) {
            x[0][i] = 1;
            for (int j = 1; j < p; j++) {
                x[j][i] = rnd.nextDouble();
            }
            w[i] = rnd.nextDouble();
            z[i] = rnd.nextDouble();
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 10; r++) {
            double[] a = new double[p * p];
            double[] b = new double[p];
            long t0 = System.nanoTime();
            WeightedCrossProduct.accumulate(x, w, z, a, b);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "kernel X'WX + X'Wz, %d rows x %d columns, one thread: %.3f s per pass = %.1f M rows/s%n",
                rows, p, best, rows / best / 1e6);
    }

    private Map<String, Path> generate(int rows, int features) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        String stem = String.format(Locale.ROOT, "glm-n%d-p%d-s%d-seed%d", rows, features, sites, seed);
        boolean ready = true;
        for (int s = 1; s <= sites; s++) {
            Path f = dir.resolve(stem + "-site" + s + "." + format);
            files.put("site" + s, f);
            ready &= Files.exists(f);
        }
        if (ready) {
            return files;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] beta = new double[features + 1];
        for (int j = 0; j <= features; j++) {
            beta[j] = rnd.nextDouble(-0.5, 0.5);
        }
        int s = 1;
        for (Map.Entry<String, Path> e : files.entrySet()) {
            int count = rows / sites + (s <= rows % sites ? 1 : 0);
            Path csv = format.equals("csv") ? e.getValue() : dir.resolve(stem + "-site" + s + ".tmp.csv");
            try (BufferedWriter out = Files.newBufferedWriter(csv)) {
                out.write("y");
                for (int j = 1; j <= features; j++) {
                    out.write(",x" + j);
                }
                out.newLine();
                StringBuilder line = new StringBuilder(features * 20);
                double[] x = new double[features];
                for (int i = 0; i < count; i++) {
                    double eta = beta[0];
                    for (int j = 0; j < features; j++) {
                        x[j] = Math.round(rnd.nextGaussian() * 1e6) / 1e6;
                        eta += beta[j + 1] * x[j];
                    }
                    int y = rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                    line.setLength(0);
                    line.append(y);
                    for (double v : x) {
                        line.append(',').append(v);
                    }
                    out.write(line.toString());
                    out.newLine();
                }
            }
            if (!format.equals("csv")) {
                toParquet(csv, e.getValue());
                Files.delete(csv);
            }
            s++;
        }
        return files;
    }

    private static void toParquet(Path csv, Path parquet) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM read_csv('" + csv.toString().replace("'", "''") + "', header=true)) TO '"
                    + parquet.toString().replace("'", "''") + "' (FORMAT parquet)");
        } catch (SQLException e) {
            throw new MedfedException("cannot write " + parquet + ": " + e.getMessage(), e);
        }
    }
}
