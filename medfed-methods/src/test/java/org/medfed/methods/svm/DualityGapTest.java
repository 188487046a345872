package org.medfed.methods.svm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The duality gap the hub forms from the sites' sums is a certificate: on seeded random rows, with
 * P the identity (liblinear's coordinates), it is zero at the SVM's optimum (found by the site
 * solver itself with the regularizer centred at 0 and ρ = 1, which is the whole SVM), it bounds
 * the true excess P(w) − P* at any other w from any α in the box, and split over "sites" it adds
 * up to the pooled value.
 */
class DualityGapTest {
    static final int N = 150;
    static final int P = 4;

    static double[] rows(Random r) {
        double[] rows = new double[N * P];
        for (int i = 0; i < N; i++) {
            rows[i * P] = 1;
            for (int j = 1; j < P; j++) {
                rows[i * P + j] = r.nextGaussian() * j;
            }
        }
        return rows;
    }

    static double[] labels(Random r, double[] rows) {
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            double s = 0.2 + rows[i * P + 1] - 0.4 * rows[i * P + 2] + r.nextGaussian();
            y[i] = s > 0 ? 1 : -1;
        }
        return y;
    }

    static QuadraticPenalty identity() {
        double[] m = new double[P * P];
        for (int j = 0; j < P; j++) {
            m[j * P + j] = 1;
        }
        return new QuadraticPenalty(m, P);
    }

    private static double primal(HingeDualSolver s, QuadraticPenalty penalty, double[] w) {
        return s.loss(w) + penalty.value(w);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 1, 10})
    void closesAtTheOptimumAndBoundsTheExcessElsewhere(double cost) {
        Random r = new Random(11);
        double[] rows = rows(r);
        double[] y = labels(r, rows);
        QuadraticPenalty penalty = identity();
        HingeDualSolver svm = new HingeDualSolver(rows, y, cost, 1e-13, 1_000_000);
        double[] best = svm.solve(new double[P], 1);
        double optimum = primal(svm, penalty, best);
        DualityGap atOptimum = DualityGap.of(optimum, svm.alphaSum(), svm.alphaDirection(), penalty);
        assertTrue(atOptimum.relative() < 1e-10, "gap at the optimum " + atOptimum);

        for (int trial = 0; trial < 20; trial++) {
            double[] w = best.clone();
            for (int j = 0; j < P; j++) {
                w[j] += r.nextGaussian() * 0.3;
            }
            HingeDualSolver other = new HingeDualSolver(rows, y, cost, 1e-13, 1_000_000);
            double[] elsewhere = new double[P];
            for (int j = 0; j < P; j++) {
                elsewhere[j] = r.nextGaussian();
            }
            other.seed(elsewhere); // α from some other point: in the box, otherwise arbitrary
            DualityGap g = DualityGap.of(primal(svm, penalty, w), other.alphaSum(), other.alphaDirection(), penalty);
            assertTrue(g.dual() <= optimum + 1e-9 * optimum, "weak duality: " + g.dual() + " > " + optimum);
            assertTrue(g.absolute() >= primal(svm, penalty, w) - optimum - 1e-9 * optimum, "the gap bounds the excess");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5})
    void sitesSumsGiveThePooledGap(int sites) {
        Random r = new Random(5);
        double[] rows = rows(r);
        double[] y = labels(r, rows);
        QuadraticPenalty penalty = identity();
        double[] w = {0.1, 0.5, -0.2, 0.05};
        HingeDualSolver pooled = new HingeDualSolver(rows, y, 1, 1e-12, 1000);
        pooled.seed(w);
        DualityGap whole = DualityGap.of(primal(pooled, penalty, w), pooled.alphaSum(), pooled.alphaDirection(), penalty);
        double loss = 0;
        double alphaSum = 0;
        double[] direction = new double[P];
        int per = N / sites;
        for (int k = 0; k < sites; k++) {
            int from = k * per;
            int to = k == sites - 1 ? N : from + per;
            double[] part = java.util.Arrays.copyOfRange(rows, from * P, to * P);
            HingeDualSolver site = new HingeDualSolver(part, java.util.Arrays.copyOfRange(y, from, to), 1, 1e-12, 1000);
            site.seed(w);
            loss += site.loss(w);
            alphaSum += site.alphaSum();
            double[] d = site.alphaDirection();
            for (int j = 0; j < P; j++) {
                direction[j] += d[j];
            }
        }
        DualityGap summed = DualityGap.of(loss + penalty.value(w), alphaSum, direction, penalty);
        assertEquals(whole.primal(), summed.primal(), 1e-10 * whole.primal());
        assertEquals(whole.dual(), summed.dual(), 1e-10 * Math.abs(whole.dual()));
    }
}
