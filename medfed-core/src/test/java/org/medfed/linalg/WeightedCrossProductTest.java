package org.medfed.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightedCrossProductTest {

    @ParameterizedTest(name = "n={0} p={1}")
    @CsvSource({"1,1", "7,3", "511,4", "512,5", "513,6", "2000,21"})
    void matchesNaiveSumsForAnyBlocking(int n, int p) {
        SplittableRandom rnd = new SplittableRandom(n * 31L + p);
        double[][] x = new double[p][n];
        double[] w = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[j][i] = rnd.nextGaussian();
            }
            w[i] = i % 5 == 0 ? 0 : rnd.nextDouble();
            v[i] = rnd.nextGaussian();
        }
        double[] a = new double[p * p];
        double[] b = new double[p];
        WeightedCrossProduct.accumulate(x, w, v, a, b);
        for (int j = 0; j < p; j++) {
            double sb = 0;
            for (int i = 0; i < n; i++) {
                sb += x[j][i] * w[i] * v[i];
            }
            assertEquals(sb, b[j], 1e-10 * Math.max(1, Math.abs(sb)));
            for (int k = 0; k < p; k++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[j][i] * w[i] * x[k][i];
                }
                assertEquals(s, a[j * p + k], 1e-10 * Math.max(1, Math.abs(s)), "entry " + j + "," + k);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"3", "1000"})
    void accumulatesIntoExistingSums(int n) {
        double[][] x = {new double[n]};
        double[] w = new double[n];
        java.util.Arrays.fill(x[0], 2.0);
        java.util.Arrays.fill(w, 1.0);
        double[] a = {10.0};
        WeightedCrossProduct.accumulate(x, w, null, a, null);
        assertEquals(10.0 + 4.0 * n, a[0], 1e-9);
    }
}
