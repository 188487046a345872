package org.medfed.methods.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub's running certificate: it keeps the best consensus, it never loosens, every bound it
 * gives is a lower bound on the optimum (weak duality), and a convex combination of rounds' duals
 * proves more than any one round — on seeded random rows with P the identity, against the optimum
 * the site solver finds on its own (regularizer centred at 0, ρ = 1: the whole SVM).
 */
class DualCertificateTest {
    private static final int N = DualityGapTest.N;
    private static final int P = DualityGapTest.P;

    /** The seeded rows and labels of {@link DualityGapTest}, with the dual's sums written out here. */
    private record Rows(double[] x, double[] y) {
        static Rows seeded(long seed) {
            Random r = new Random(seed);
            double[] x = DualityGapTest.rows(r);
            return new Rows(x, DualityGapTest.labels(r, x));
        }

        double alphaSum(double[] alpha) {
            double s = 0;
            for (double a : alpha) {
                s += a;
            }
            return s;
        }

        double[] direction(double[] alpha) {
            double[] v = new double[P];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < P; j++) {
                    v[j] += alpha[i] * y[i] * x[i * P + j];
                }
            }
            return v;
        }

        double dual(double[] alpha) {
            double[] v = direction(alpha);
            double q = 0;
            for (double e : v) {
                q += e * e;
            }
            return alphaSum(alpha) - 0.5 * q;
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 1, 10})
    void aCombinationOfTwoRoundsProvesTheOptimumNeitherRoundProves(double cost) {
        Rows rows = Rows.seeded(3);
        HingeDualSolver svm = new HingeDualSolver(rows.x(), rows.y(), cost, 1e-13, 1_000_000);
        double[] w = svm.solve(new double[P], 1);
        QuadraticPenalty penalty = DualityGapTest.identity();
        double optimum = svm.loss(w) + penalty.value(w);
        double[] best = svm.alpha();
        // Two duals on either side of the optimal one, both in the box [0, C]: their mean is optimal.
        Random r = new Random(8);
        double[] above = new double[N];
        double[] below = new double[N];
        for (int i = 0; i < N; i++) {
            double room = Math.min(best[i], cost - best[i]);
            double d = room * (2 * r.nextDouble() - 1); // 0 for a coordinate at a bound
            above[i] = best[i] + d;
            below[i] = best[i] - d;
        }
        assertTrue(rows.dual(above) < optimum - 1e-6 * optimum && rows.dual(below) < optimum - 1e-6 * optimum,
                "each round alone proves less than the optimum");

        DualCertificate certificate = new DualCertificate(penalty);
        DualityGap first = certificate.add(optimum, w, rows.alphaSum(above), rows.direction(above));
        assertEquals(rows.dual(above), first.dual(), 1e-12 * optimum, "one round: its own D");
        DualityGap both = certificate.add(optimum, w, rows.alphaSum(below), rows.direction(below));
        assertTrue(both.dual() <= optimum + 1e-10 * optimum, "weak duality: " + both.dual() + " > " + optimum);
        assertTrue(both.relative() < 1e-9, "the mean of the two rounds is optimal, gap " + both.relative());
    }

    @Test
    void keepsTheBestConsensusAndNeverLoosens() {
        Rows rows = Rows.seeded(4);
        double cost = 1;
        QuadraticPenalty penalty = DualityGapTest.identity();
        HingeDualSolver svm = new HingeDualSolver(rows.x(), rows.y(), cost, 1e-13, 1_000_000);
        double[] optimal = svm.solve(new double[P], 1);
        double optimum = svm.loss(optimal) + penalty.value(optimal);
        DualCertificate certificate = new DualCertificate(penalty);
        Random r = new Random(9);
        double lowest = Double.POSITIVE_INFINITY;
        double[] lowestAt = null;
        double previousGap = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 3 * DualCertificate.WINDOW; round++) {
            double[] z = optimal.clone();
            for (int j = 0; j < P; j++) {
                z[j] += r.nextGaussian() * 0.2;
            }
            double primal = svm.loss(z) + penalty.value(z);
            double[] alpha = new double[N];
            for (int i = 0; i < N; i++) {
                alpha[i] = cost * r.nextDouble();
            }
            DualityGap g = certificate.add(primal, z, rows.alphaSum(alpha), rows.direction(alpha));
            if (primal < lowest) {
                lowest = primal;
                lowestAt = z;
            }
            assertEquals(lowest, g.primal(), 0, "the primal side is the lowest objective so far");
            assertTrue(g.dual() >= rows.dual(alpha) - 1e-12 * optimum, "at least this round's own D");
            assertTrue(g.dual() <= optimum + 1e-10 * optimum, "weak duality");
            assertTrue(g.absolute() <= previousGap, "never loosens");
            previousGap = g.absolute();
        }
        assertArrayEquals(lowestAt, certificate.bestConsensus(), 0);
        assertEquals(lowest, certificate.bestPrimal(), 0);
    }

    @Test
    void projectsOntoTheSimplex() {
        assertArrayEquals(new double[] {0.5, 0.5}, DualCertificate.ontoSimplex(new double[] {0.5, 0.5}), 1e-15);
        assertArrayEquals(new double[] {1, 0}, DualCertificate.ontoSimplex(new double[] {2, 0}), 1e-15);
        assertArrayEquals(new double[] {0, 1, 0}, DualCertificate.ontoSimplex(new double[] {-1, 3, 0.5}), 1e-15);
        assertArrayEquals(new double[] {0.4, 0.3, 0.3}, DualCertificate.ontoSimplex(new double[] {0.3, 0.2, 0.2}), 1e-15);
        Random r = new Random(1);
        for (int trial = 0; trial < 100; trial++) {
            double[] x = new double[1 + r.nextInt(25)];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextGaussian() * 3;
            }
            double[] p = DualCertificate.ontoSimplex(x);
            double sum = 0;
            for (double e : p) {
                assertTrue(e >= 0);
                sum += e;
            }
            assertEquals(1, sum, 1e-12);
        }
    }
}
