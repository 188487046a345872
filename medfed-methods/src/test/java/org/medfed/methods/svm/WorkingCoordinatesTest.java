package org.medfed.methods.svm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.formula.Design;

/**
 * Standardized working coordinates are the same SVM: on seeded random columns, every row's
 * decision value w̃ᵀx̃ equals the reported coefficients' value on the original row, the penalty
 * ½w̃ᵀ(AAᵀ)w̃ equals ½||w||² of liblinear's weights, and estimates and working weights map back and
 * forth exactly.
 */
class WorkingCoordinatesTest {

    @ParameterizedTest
    @CsvSource({"1, true", "2.5, true", "1, false", "0.5, false"})
    void standardizingDoesNotChangeTheProblem(double bias, boolean withBias) {
        Random r = new Random(11);
        int n = 40;
        int p = 4;
        double[][] x = new double[p][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = withBias ? 1 : r.nextGaussian();
            x[1][i] = 100 + 30 * r.nextGaussian();
            x[2][i] = r.nextInt(2);
            x[3][i] = 7;
        }
        int biasIndex = withBias ? 0 : -1;
        double[] sums = new double[p];
        double[] squares = new double[p];
        for (int j = 0; j < p; j++) {
            for (double v : x[j]) {
                sums[j] += v;
                squares[j] += v * v;
            }
        }
        WorkingCoordinates c = WorkingCoordinates.standardized(biasIndex, bias, sums, squares, n);
        Design d = new Design(List.of("a", "b", "c", "d"), x, null, null, null, n, 0, new int[n]);
        double[] rows = c.rows(d);
        double[] working = {0.3, -0.7, 1.1, 0.2};
        double[] estimates = c.estimates(working);
        for (int i = 0; i < n; i++) {
            double tilde = 0;
            double original = 0;
            for (int j = 0; j < p; j++) {
                tilde += working[j] * rows[i * p + j];
                original += estimates[j] * (j == biasIndex ? 1 : x[j][i]);
            }
            assertEquals(original, tilde, 1e-12 * (1 + Math.abs(original)), "decision value of row " + i);
        }
        double[] w = c.liblinearWeights(working);
        double half = 0;
        for (double v : w) {
            half += 0.5 * v * v;
        }
        assertEquals(half, new QuadraticPenalty(c.penaltyMatrix(), p).value(working), 1e-12 * half, "penalty");
        double[] back = c.working(estimates);
        for (int j = 0; j < p; j++) {
            assertEquals(working[j], back[j], 1e-12, "round trip " + j);
        }
    }
}
