package org.medfed.methods.admm;

/**
 * The separable penalty {@code g(z) = Σ_j l1_j |z_j| + (l2_j / 2) z_j²}, whose proximal step is a
 * soft-threshold followed by a shrink: {@code z_j = S(t v_j, l1_j) / (t + l2_j)}. A coordinate with
 * both weights 0 (an intercept) is left unpenalized. The soft-threshold returns exact zeros.
 */
public record WeightedElasticNet(double[] l1, double[] l2) implements ConsensusProx {

    public WeightedElasticNet {
        if (l1.length != l2.length) {
            throw new IllegalArgumentException("l1 and l2 weights differ in length");
        }
        for (int j = 0; j < l1.length; j++) {
            if (!(l1[j] >= 0) || !(l2[j] >= 0) || Double.isInfinite(l1[j]) || Double.isInfinite(l2[j])) {
                throw new IllegalArgumentException("penalty weights must be finite and non-negative");
            }
        }
        l1 = l1.clone();
        l2 = l2.clone();
    }

    @Override
    public double[] prox(double[] v, double t) {
        double[] z = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            double a = t * v[j];
            double shrunk = a > l1[j] ? a - l1[j] : (a < -l1[j] ? a + l1[j] : 0.0);
            z[j] = shrunk / (t + l2[j]);
        }
        return z;
    }

    @Override
    public double value(double[] z) {
        double g = 0;
        for (int j = 0; j < z.length; j++) {
            g += l1[j] * Math.abs(z[j]) + 0.5 * l2[j] * z[j] * z[j];
        }
        return g;
    }

    @Override
    public double[] l1() {
        return l1.clone();
    }

    @Override
    public double[] l2() {
        return l2.clone();
    }
}
