package org.medfed.methods.svm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The site's local solve: on seeded random rows, the answer is optimal by a duality certificate
 * (the primal value at w equals the dual value at the solver's α to rounding, which holds only at
 * the optimum), w is v plus (1/ρ) Σ αᵢyᵢxᵢ with every α in [0, C], and a solve that starts from
 * the previous round's α needs fewer sweeps than one that starts from zero.
 */
class HingeDualSolverTest {

    private record Problem(double[] rows, double[] label, int n, int p) {
    }

    private static Problem problem(long seed, int n, int p) {
        Random r = new Random(seed);
        double[] rows = new double[n * p];
        double[] label = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i * p] = 1; // the bias feature
            double score = 0;
            for (int j = 1; j < p; j++) {
                rows[i * p + j] = r.nextGaussian() * (j + 1);
                score += rows[i * p + j] * (j % 2 == 0 ? 0.5 : -0.3);
            }
            label[i] = score + r.nextGaussian() * 2 > 0 ? 1 : -1;
        }
        return new Problem(rows, label, n, p);
    }

    private static double primal(Problem q, double cost, double[] w, double[] v, double rho) {
        double hinge = 0;
        for (int i = 0; i < q.n; i++) {
            double m = 0;
            for (int j = 0; j < q.p; j++) {
                m += w[j] * q.rows[i * q.p + j];
            }
            hinge += Math.max(0, 1 - q.label[i] * m);
        }
        double d = 0;
        for (int j = 0; j < q.p; j++) {
            d += (w[j] - v[j]) * (w[j] - v[j]);
        }
        return cost * hinge + rho / 2 * d;
    }

    private static double dual(Problem q, double[] alpha, double[] v, double rho) {
        double[] s = new double[q.p];
        double linear = 0;
        for (int i = 0; i < q.n; i++) {
            double m = 0;
            for (int j = 0; j < q.p; j++) {
                m += v[j] * q.rows[i * q.p + j];
                s[j] += alpha[i] * q.label[i] * q.rows[i * q.p + j];
            }
            linear += alpha[i] * (1 - q.label[i] * m);
        }
        double ss = 0;
        for (double x : s) {
            ss += x * x;
        }
        return linear - ss / (2 * rho);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 1, 100})
    void solvesTheProximalHingeProblem(double cost) {
        Problem q = problem(7, 120, 5);
        HingeDualSolver solver = new HingeDualSolver(q.rows, q.label, cost, 1e-12, 100_000);
        double[] v = {0.3, -0.2, 0.1, 0.05, -0.4};
        double rho = 2.5;
        double[] w = solver.solve(v, rho);
        assertTrue(solver.lastConverged());
        double[] alpha = solver.alpha();
        double[] rebuilt = v.clone();
        for (int i = 0; i < q.n; i++) {
            assertTrue(alpha[i] >= 0 && alpha[i] <= cost, "alpha in the box");
            for (int j = 0; j < q.p; j++) {
                rebuilt[j] += alpha[i] * q.label[i] * q.rows[i * q.p + j] / rho;
            }
        }
        for (int j = 0; j < q.p; j++) {
            assertEquals(rebuilt[j], w[j], 1e-12 * (1 + Math.abs(w[j])), "w = v + Σ α y x / ρ");
        }
        double primal = primal(q, cost, w, v, rho);
        double dual = dual(q, alpha, v, rho);
        assertTrue(primal >= dual - 1e-9 * Math.abs(primal), "weak duality");
        assertEquals(primal, dual, 1e-9 * Math.max(1, Math.abs(primal)), "duality gap at C = " + cost);
        assertEquals(solver.hingeSum(w) * cost, primal - rho / 2 * sq(w, v), 1e-9 * Math.max(1, primal));
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void warmStartedSolvesNeedFewerSweeps(long seed) {
        Problem q = problem(seed, 200, 4);
        double[] v1 = {0.1, 0.2, -0.1, 0.3};
        double[] v2 = {0.11, 0.19, -0.1, 0.29};
        HingeDualSolver warm = new HingeDualSolver(q.rows, q.label, 1, 1e-10, 100_000);
        warm.solve(v1, 1);
        double[] wWarm = warm.solve(v2, 1.2);
        HingeDualSolver cold = new HingeDualSolver(q.rows, q.label, 1, 1e-10, 100_000);
        double[] wCold = cold.solve(v2, 1.2);
        assertTrue(warm.lastSweeps() < cold.lastSweeps(), warm.lastSweeps() + " warm sweeps vs " + cold.lastSweeps() + " cold");
        for (int j = 0; j < q.p; j++) {
            assertEquals(wCold[j], wWarm[j], 1e-8, "same answer warm or cold");
        }
    }

    @Test
    void countsCorrectRowsAsLiblinearPredicts() {
        // Decision 0 predicts −1 (liblinear: dec > 0 ? first label : second); the third row is misclassified.
        double[] rows = {1, 0, 1, 2, 1, 2};
        double[] label = {-1, 1, -1};
        HingeDualSolver s = new HingeDualSolver(rows, label, 1, 1e-10, 10);
        assertEquals(2, s.correct(new double[] {0, 1}));
        assertEquals(1 + 0 + 3, s.hingeSum(new double[] {0, 1}), 1e-15);
    }
}
