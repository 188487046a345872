package org.medfed.methods.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tilted moments against an independent rule: composite Simpson on the f scale over
 * m ± 40√v with 200,000 panels, for narrow and wide cavities (√v from 0.1 to 30) and both outcomes.
 */
class TiltedMomentsTest {

    private static double[] simpson(double m, double v, double y) {
        double s = Math.sqrt(v);
        double a = m - 40 * s;
        double b = m + 40 * s;
        int panels = 200_000;
        double h = (b - a) / panels;
        double z0 = 0;
        double z1 = 0;
        double z2 = 0;
        for (int i = 0; i <= panels; i++) {
            double f = a + i * h;
            double w = (i == 0 || i == panels) ? 1 : (i % 2 == 1 ? 4 : 2);
            double g = w * Math.exp(-0.5 * (f - m) * (f - m) / v + TiltedMoments.logSigmoid(y * f));
            z0 += g;
            z1 += g * f;
            z2 += g * f * f;
        }
        double mean = z1 / z0;
        return new double[] {mean, z2 / z0 - mean * mean};
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 1", "0.3, 0.01, -1", "-2, 4, 1", "3, 9, -1", "5, 100, -1", "-1, 900, 1", "12, 2, -1"})
    void matchesAnIndependentQuadrature(double m, double v, double y) {
        double[] got = TiltedMoments.of(m, v, y);
        double[] want = simpson(m, v, y);
        assertEquals(want[0], got[0], 1e-9 * Math.sqrt(v), "tilted mean");
        assertEquals(want[1], got[1], 1e-9 * v, "tilted variance");
    }
}
