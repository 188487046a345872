package org.medfed.methods.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.method.Aggregate;
import org.medfed.method.Payload;

/**
 * The engine on its own, with the runtime's sum played by the test: three sites with least-squares
 * losses {@code f_k(x) = ||A_k x − b_k||²/(2n)} and a weighted elastic-net penalty (coordinate 0
 * unpenalized), against the pooled optimum found independently by cyclic coordinate descent run to
 * machine precision; a path of penalties continued on one engine equals fresh solves.
 */
class ConsensusAdmmTest {
    private static final int P = 6;

    /** A least-squares site: solves (A'A/n + ρI) x = A'b/n + ρv directly. */
    private record LeastSquares(double[][] a, double[] b, int n) implements LocalSolver {
        @Override
        public double[] solve(double[] v, double rho, double[] start) {
            double[] h = new double[P * P];
            double[] rhs = new double[P];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < P; j++) {
                    rhs[j] += a[i][j] * b[i] / n;
                    for (int k = 0; k < P; k++) {
                        h[j * P + k] += a[i][j] * a[i][k] / n;
                    }
                }
            }
            for (int j = 0; j < P; j++) {
                h[j * P + j] += rho;
                rhs[j] += rho * v[j];
            }
            return SpdCholesky.of(h, P).solve(rhs);
        }

        @Override
        public double loss(double[] z) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                double r = b[i];
                for (int j = 0; j < P; j++) {
                    r -= a[i][j] * z[j];
                }
                s += r * r;
            }
            return s / (2 * n);
        }
    }

    private static List<LeastSquares> sites(long seed) {
        Random random = new Random(seed);
        int[] sizes = {40, 25, 35};
        int n = 100;
        List<LeastSquares> sites = new ArrayList<>();
        for (int size : sizes) {
            double[][] a = new double[size][P];
            double[] b = new double[size];
            for (int i = 0; i < size; i++) {
                a[i][0] = 1;
                for (int j = 1; j < P; j++) {
                    // Columns on very different scales, as real covariates are.
                    a[i][j] = random.nextGaussian() * j + (j == 2 ? 5 : 0);
                }
                b[i] = 1 + 0.8 * a[i][1] - 0.3 * a[i][2] + 0.05 * a[i][4] + random.nextGaussian();
            }
            sites.add(new LeastSquares(a, b, n));
        }
        return sites;
    }

    /** Pooled elastic net by cyclic coordinate descent until no coordinate moves by 1e-15. */
    private static double[] pooled(List<LeastSquares> sites, WeightedElasticNet g) {
        double[] h = new double[P * P];
        double[] c = new double[P];
        for (LeastSquares s : sites) {
            for (int i = 0; i < s.a().length; i++) {
                for (int j = 0; j < P; j++) {
                    c[j] += s.a()[i][j] * s.b()[i] / s.n();
                    for (int k = 0; k < P; k++) {
                        h[j * P + k] += s.a()[i][j] * s.a()[i][k] / s.n();
                    }
                }
            }
        }
        double[] x = new double[P];
        double[] l1 = g.l1();
        double[] l2 = g.l2();
        for (int sweep = 0; sweep < 1_000_000; sweep++) {
            double moved = 0;
            for (int j = 0; j < P; j++) {
                double r = c[j];
                for (int k = 0; k < P; k++) {
                    if (k != j) {
                        r -= h[j * P + k] * x[k];
                    }
                }
                double t = Math.abs(r) <= l1[j] ? 0 : (r - Math.signum(r) * l1[j]) / (h[j * P + j] + l2[j]);
                moved = Math.max(moved, Math.abs(t - x[j]));
                x[j] = t;
            }
            if (moved < 1e-15) {
                break;
            }
        }
        return x;
    }

    private static WeightedElasticNet penalty(double lambda, double alpha) {
        double[] l1 = new double[P];
        double[] l2 = new double[P];
        for (int j = 1; j < P; j++) {
            l1[j] = lambda * alpha;
            l2[j] = lambda * (1 - alpha);
        }
        return new WeightedElasticNet(l1, l2);
    }

    /** Runs the engine, the runtime's part played here: every site answers, the test sums. */
    /** Each coordinate within 1e-8 of the pooled optimum's, and the pooled zeros exact. */
    private static void assertPooledWithExactZeros(double[] expected, double[] z) {
        for (int j = 0; j < P; j++) {
            assertEquals(expected[j], z[j], 1e-8, "coordinate " + j);
            if (expected[j] == 0) {
                assertEquals(0.0, z[j], "coordinate " + j + " is an exact zero");
            }
        }
    }

    private static List<Solution> run(List<LeastSquares> solvers, List<WeightedElasticNet> path, AdmmControl control) {
        List<ConsensusSite> sites = new ArrayList<>();
        solvers.forEach(s -> sites.add(new ConsensusSite(P)));
        ConsensusHub hub = new ConsensusHub(control, P);
        Payload request = hub.start(new double[P], Payload.builder()).build();
        List<Solution> solutions = new ArrayList<>();
        int problem = 0;
        for (int round = 0; round < 1_000_000; round++) {
            Map<String, double[]> sums = new LinkedHashMap<>();
            for (int k = 0; k < sites.size(); k++) {
                Payload answer = sites.get(k).answer(request, solvers.get(k), Payload.builder()).build();
                answer.numbers().forEach((name, v) -> {
                    double[] acc = sums.computeIfAbsent(name, x -> new double[v.length]);
                    for (int i = 0; i < v.length; i++) {
                        acc[i] += v[i];
                    }
                });
            }
            Aggregate a = new Aggregate(round, "admm", List.of("a", "b", "c"), sums, Map.of(), Map.of());
            ConsensusHub.Progress progress = hub.next(a, path.get(problem), Payload.builder());
            if (progress instanceof ConsensusHub.Progress.Finished f) {
                solutions.add(f.solution());
                if (++problem == path.size()) {
                    return solutions;
                }
                request = hub.nextProblem(path.get(problem), Payload.builder()).build();
            } else {
                request = ((ConsensusHub.Progress.Continue) progress).request().build();
            }
        }
        throw new AssertionError("no end");
    }

    /**
     * Anderson acceleration (memory 5) reaches the same pooled optimum, exact zeros included, in
     * fewer rounds than the plain engine on the same problem, on its own and along a path.
     */
    @ParameterizedTest
    @CsvSource({"0.1, 1, 1.6, true", "0.02, 0.5, 1.0, true", "0.3, 0, 1.6, false", "0.05, 1, 1.0, false"})
    void andersonAccelerationReachesThePooledOptimumInFewerRounds(double lambda, double alpha, double relaxation,
                                                                 boolean balance) {
        List<LeastSquares> sites = sites(7);
        WeightedElasticNet g = penalty(lambda, alpha);
        double[] expected = pooled(sites, g);
        AdmmControl plain = new AdmmControl(1, 1e-12, 1e-10, 100_000, relaxation, balance);
        Solution p = run(sites, List.of(g), plain).get(0);
        Solution a = run(sites, List.of(g), plain.withAnderson(5)).get(0);
        assertTrue(a.converged(), "converged after " + a.iterations());
        assertPooledWithExactZeros(expected, a.z());
        System.out.printf("consensus ADMM, lambda %s alpha %s relaxation %s balance %s: plain %d rounds, Anderson(5) %d%n", lambda,
                alpha, relaxation, balance, p.iterations(), a.iterations());
        assertTrue(a.iterations() < p.iterations(), "accelerated " + a.iterations() + " rounds, plain " + p.iterations());
        List<WeightedElasticNet> path = List.of(penalty(0.5, alpha), g);
        Solution continued = run(sites, path, plain.withAnderson(5)).get(1);
        for (int j = 0; j < P; j++) {
            assertEquals(expected[j], continued.z()[j], 1e-8, "path, coordinate " + j);
        }
    }

    @ParameterizedTest
    @CsvSource({"0.1, 1, 1.6, true", "0.02, 0.5, 1.0, true", "0.3, 0, 1.6, false", "0.05, 1, 1.0, false"})
    void matchesThePooledOptimum(double lambda, double alpha, double relaxation, boolean balance) {
        List<LeastSquares> sites = sites(7);
        WeightedElasticNet g = penalty(lambda, alpha);
        double[] expected = pooled(sites, g);
        Solution s = run(sites, List.of(g), new AdmmControl(1, 1e-12, 1e-10, 100_000, relaxation, balance)).get(0);
        assertTrue(s.converged(), "converged after " + s.iterations());
        double[] z = s.z();
        assertPooledWithExactZeros(expected, z);
        double loss = 0;
        for (LeastSquares site : sites) {
            loss += site.loss(z);
        }
        assertEquals(loss, s.loss(), 1e-14);
        assertEquals(loss + g.value(z), s.objective(), 1e-14);
        assertTrue(s.primalResidual() >= 0 && s.dualResidual() >= 0 && s.rho() > 0);
    }

    @ParameterizedTest
    @CsvSource({"1.6", "1.0"})
    void aPathContinuedOnOneEngineEqualsFreshSolves(double relaxation) {
        List<LeastSquares> sites = sites(11);
        AdmmControl control = new AdmmControl(1, 1e-12, 1e-10, 100_000, relaxation, true);
        List<WeightedElasticNet> path = List.of(penalty(0.5, 1), penalty(0.1, 1), penalty(0.01, 1));
        List<Solution> continued = run(sites, path, control);
        for (int i = 0; i < path.size(); i++) {
            Solution fresh = run(sites, List.of(path.get(i)), control).get(0);
            double[] expected = pooled(sites, path.get(i));
            for (int j = 0; j < P; j++) {
                assertEquals(expected[j], continued.get(i).z()[j], 1e-8, "problem " + i + " coordinate " + j);
                assertEquals(expected[j], fresh.z()[j], 1e-8, "fresh problem " + i + " coordinate " + j);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"3"})
    void stopsAtTheIterationLimitAndSaysSo(int limit) {
        List<LeastSquares> sites = sites(3);
        Solution s = run(sites, List.of(penalty(0.05, 1)), new AdmmControl(1, 1e-14, 1e-14, limit, 1, false)).get(0);
        assertEquals(limit, s.iterations());
        assertTrue(!s.converged());
    }
}
