package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.methods.glm.Coefficient;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.methods.glm.GlmResult;

/**
 * Seeded random data and random row splits: the federated fit equals the one-site fit, whatever
 * the number of sites, the way rows are divided, or the order in which sites are listed.
 */
class GlmSplitInvarianceTest {
    private static final String FORMULA = "y ~ x1 + x2 + g + x1:x2 + I(x1^2)";

    /** Rows of one synthetic data set (the pooled table), generated from a seed. */
    record Rows(double[] y, double[] x1, double[] x2, String[] g) {
        int n() {
            return y.length;
        }

        static Rows generate(String family, int n, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] y = new double[n];
            double[] x1 = new double[n];
            double[] x2 = new double[n];
            String[] g = new String[n];
            String[] levels = {"north", "south", "east"};
            for (int i = 0; i < n; i++) {
                x1[i] = rnd.nextGaussian();
                x2[i] = rnd.nextDouble() * 4 - 2;
                g[i] = levels[rnd.nextInt(3)];
                double eta = 0.3 + 0.5 * x1[i] - 0.4 * x2[i] + (g[i].equals("south") ? 0.6 : 0) + 0.2 * x1[i] * x2[i];
                y[i] = switch (family) {
                    case "binomial" -> rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                    case "poisson" -> poisson(rnd, Math.exp(eta));
                    default -> eta + rnd.nextGaussian();
                };
            }
            return new Rows(y, x1, x2, g);
        }

        private static double poisson(SplittableRandom rnd, double mean) {
            double l = Math.exp(-mean);
            double p = 1;
            int k = 0;
            do {
                k++;
                p *= rnd.nextDouble();
            } while (p > l);
            return k - 1;
        }

        Table table(String site, int[] rows) {
            double[] yy = new double[rows.length];
            double[] a = new double[rows.length];
            double[] b = new double[rows.length];
            List<String> dict = new ArrayList<>();
            int[] codes = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                yy[i] = y[r];
                a[i] = x1[r];
                b[i] = x2[r];
                int c = dict.indexOf(g[r]);
                if (c < 0) {
                    dict.add(g[r]);
                    c = dict.size() - 1;
                }
                codes[i] = c;
            }
            List<Column> cols = List.of(new NumericColumn("y", yy), new NumericColumn("x1", a), new NumericColumn("x2", b),
                    new TextColumn("g", codes, dict.toArray(String[]::new)));
            return new Table(site, site + ".csv", true, rows.length, cols);
        }
    }

    /** Shuffles row indices and cuts them into `sites` blocks of random (non-empty) sizes. */
    static List<int[]> randomSplit(int n, int sites, SplittableRandom rnd) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] cuts;
        do { // sites-1 random cut points, every site keeping at least 20 rows
            cuts = new int[sites + 1];
            cuts[sites] = n;
            for (int s = 1; s < sites; s++) {
                cuts[s] = 1 + rnd.nextInt(n - 1);
            }
            java.util.Arrays.sort(cuts, 1, sites);
        } while (!allAtLeast(cuts, 20));
        List<int[]> parts = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            int[] part = java.util.Arrays.copyOfRange(perm, cuts[s], cuts[s + 1]);
            java.util.Arrays.sort(part);
            parts.add(part);
        }
        return parts;
    }

    private static boolean allAtLeast(int[] cuts, int rows) {
        for (int s = 1; s < cuts.length; s++) {
            if (cuts[s] - cuts[s - 1] < rows) {
                return false;
            }
        }
        return true;
    }

    static GlmResult fit(Map<String, Table> tables, String family) {
        return (GlmResult) new Simulator(tables).run(new GlmMethod(), GlmParameters.of(FORMULA, family), null).result();
    }

    @ParameterizedTest(name = "{0} seed {1}, {2} sites")
    @CsvSource({"binomial,1,2", "binomial,2,3", "binomial,3,5", "poisson,4,2", "poisson,5,4",
            "gaussian,6,3", "gaussian,7,6"})
    void federatedEqualsPooledForAnySplitAndSiteOrder(String family, long seed, int sites) {
        Rows rows = Rows.generate(family, 600, seed);
        int[] all = new int[rows.n()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        GlmResult pooled = fit(Map.of("pooled", rows.table("pooled", all)), family);

        SplittableRandom rnd = new SplittableRandom(seed * 1000 + sites);
        List<int[]> split = randomSplit(rows.n(), sites, rnd);
        Map<String, Table> forward = new LinkedHashMap<>();
        Map<String, Table> backward = new LinkedHashMap<>();
        for (int s = 0; s < sites; s++) {
            forward.put("s" + s, rows.table("s" + s, split.get(s)));
        }
        for (int s = sites - 1; s >= 0; s--) {
            backward.put("s" + s, forward.get("s" + s));
        }
        GlmResult federated = fit(forward, family);
        GlmResult reversed = fit(backward, family);
        GlmResult otherSplit = fit(splitTables(rows, randomSplit(rows.n(), sites, rnd)), family);

        for (GlmResult r : List.of(federated, reversed, otherSplit)) {
            assertEquals(pooled.iterations(), r.iterations(), "iterations");
            assertEquals(pooled.n(), r.n());
            for (Coefficient p : pooled.coefficients()) {
                Coefficient c = r.coefficient(p.term());
                assertClose(p.estimate(), c.estimate(), p.term());
                assertClose(p.stdError(), c.stdError(), p.term() + " SE");
            }
            assertClose(pooled.fit().deviance(), r.fit().deviance(), "deviance");
            assertClose(pooled.fit().nullDeviance(), r.fit().nullDeviance(), "null deviance");
            assertClose(pooled.fit().aic(), r.fit().aic(), "AIC");
        }
    }

    @org.junit.jupiter.api.Test
    void sitesHoldingDifferentFactorLevelsBuildTheSameColumns() {
        // Each site holds exactly one level of g: the levels are harmonized (union, R's order)
        // before the fit, so every site builds gnorth/gsouth columns, mostly zeros.
        Rows rows = Rows.generate("binomial", 900, 42);
        int[] all = new int[rows.n()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        GlmResult pooled = fit(Map.of("pooled", rows.table("pooled", all)), "binomial");
        Map<String, Table> byLevel = new LinkedHashMap<>();
        for (String level : List.of("north", "south", "east")) {
            int[] part = java.util.stream.IntStream.range(0, rows.n()).filter(i -> rows.g()[i].equals(level)).toArray();
            byLevel.put(level, rows.table(level, part));
        }
        GlmResult federated = fit(byLevel, "binomial");
        assertEquals(List.of("(Intercept)", "x1", "x2", "gnorth", "gsouth", "I(x1^2)", "x1:x2"),
                federated.coefficients().stream().map(Coefficient::term).toList());
        for (Coefficient p : pooled.coefficients()) {
            assertClose(p.estimate(), federated.coefficient(p.term()).estimate(), p.term());
            assertClose(p.stdError(), federated.coefficient(p.term()).stdError(), p.term() + " SE");
        }
    }

    private static Map<String, Table> splitTables(Rows rows, List<int[]> split) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (int s = 0; s < split.size(); s++) {
            tables.put("t" + s, rows.table("t" + s, split.get(s)));
        }
        return tables;
    }

    private static void assertClose(double expected, double actual, String what) {
        double err = Math.abs(expected - actual) / Math.max(1e-12, Math.abs(expected));
        assertTrue(err < 1e-10, what + ": pooled " + expected + ", federated " + actual + " (relative " + err + ")");
    }
}
