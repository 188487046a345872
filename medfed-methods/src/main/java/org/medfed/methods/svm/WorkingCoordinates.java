package org.medfed.methods.svm;

import org.medfed.formula.Design;

/**
 * The coordinates the ADMM runs in, and the way back. liblinear's feature vector is the design row
 * with the intercept column replaced by the bias B; with standardization every other column is
 * also centred and scaled, {@code x̃ⱼ = (xⱼ − mⱼ)/sⱼ}, which is {@code x̃ = A x} for an invertible
 * A (the centring goes through the constant bias feature). Then {@code wᵀx = w̃ᵀx̃} with
 * {@code w = Aᵀw̃}, and the SVM's ½||w||² is {@code ½ w̃ᵀ(AAᵀ)w̃}: the same problem, the same
 * minimizer mapped back, only better conditioned for ADMM. Without standardization A is the
 * identity. A column with no spread keeps scale 1.
 *
 * @param biasIndex the design column of the intercept (the bias feature), or −1 without one
 * @param bias      liblinear's B
 * @param centre    per column the mean subtracted (0 for the bias column, and everywhere when not
 *                  standardizing or without a bias feature to carry the centring)
 * @param scale     per column the divisor (1 for the bias column, or when not standardizing)
 */
record WorkingCoordinates(int biasIndex, double bias, double[] centre, double[] scale) {

    WorkingCoordinates {
        centre = centre.clone();
        scale = scale.clone();
    }

    /** liblinear's coordinates: only the bias feature's value changes. */
    static WorkingCoordinates plain(int p, int biasIndex, double bias) {
        double[] scale = new double[p];
        java.util.Arrays.fill(scale, 1);
        return new WorkingCoordinates(biasIndex, bias, new double[p], scale);
    }

    /**
     * Standardized coordinates from the global column sums and sums of squares over n rows (of
     * the design, intercept column included). Centring needs the bias feature; without one the
     * columns are only scaled (by their root mean square).
     */
    static WorkingCoordinates standardized(int biasIndex, double bias, double[] sums, double[] squares, double n) {
        int p = sums.length;
        double[] centre = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            if (j == biasIndex) {
                scale[j] = 1;
                continue;
            }
            double mean = sums[j] / n;
            double spread = biasIndex >= 0 ? squares[j] / n - mean * mean : squares[j] / n;
            centre[j] = biasIndex >= 0 ? mean : 0;
            double sd = spread > 0 ? Math.sqrt(spread) : 0;
            scale[j] = sd > 1e-12 * (1 + Math.abs(mean)) ? sd : 1;
        }
        return new WorkingCoordinates(biasIndex, bias, centre, scale);
    }

    int width() {
        return scale.length;
    }

    @Override
    public double[] centre() {
        return centre.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** The design's rows in working coordinates, row-major n × p. */
    double[] rows(Design d) {
        double[][] x = d.x();
        int p = x.length;
        int n = d.rowsUsed();
        double[] out = new double[n * p];
        for (int j = 0; j < p; j++) {
            double[] col = x[j];
            if (j == biasIndex) {
                for (int i = 0; i < n; i++) {
                    out[i * p + j] = bias;
                }
            } else {
                double c = centre[j];
                double s = scale[j];
                for (int i = 0; i < n; i++) {
                    out[i * p + j] = (col[i] - c) / s;
                }
            }
        }
        return out;
    }

    /**
     * The reported coefficients from working weights: the decision function's coefficient of each
     * design column, the intercept being the bias feature's weight times B.
     */
    double[] estimates(double[] working) {
        double[] e = new double[working.length];
        double intercept = 0;
        for (int j = 0; j < working.length; j++) {
            if (j == biasIndex) {
                intercept += bias * working[j];
            } else {
                e[j] = working[j] / scale[j];
                intercept -= working[j] * centre[j] / scale[j];
            }
        }
        if (biasIndex >= 0) {
            e[biasIndex] = intercept;
        }
        return e;
    }

    /** The inverse of {@link #estimates}: working weights from reported coefficients. */
    double[] working(double[] estimates) {
        double[] w = new double[estimates.length];
        double shift = 0;
        for (int j = 0; j < estimates.length; j++) {
            if (j != biasIndex) {
                w[j] = estimates[j] * scale[j];
                shift += estimates[j] * centre[j];
            }
        }
        if (biasIndex >= 0) {
            w[biasIndex] = (estimates[biasIndex] + shift) / bias;
        }
        return w;
    }

    /** liblinear's weight vector (the bias feature's weight, not the intercept) from working weights: Aᵀw̃. */
    double[] liblinearWeights(double[] working) {
        double[] w = estimates(working);
        if (biasIndex >= 0) {
            w[biasIndex] /= bias;
        }
        return w;
    }

    /** AAᵀ, row-major p × p: the SVM's ½||w||² is ½ w̃ᵀ(AAᵀ)w̃ in working weights. */
    double[] penaltyMatrix() {
        int p = width();
        double[] m = new double[p * p];
        for (int j = 0; j < p; j++) {
            if (j == biasIndex) {
                m[j * p + j] = 1;
                continue;
            }
            // Row j of A: e_j / s_j − (m_j / (s_j B)) e_bias.
            m[j * p + j] = 1 / (scale[j] * scale[j]);
            if (biasIndex >= 0) {
                double aj = centre[j] / (scale[j] * bias);
                m[j * p + biasIndex] = -aj;
                m[biasIndex * p + j] = -aj;
                for (int k = 0; k < p; k++) {
                    if (k != biasIndex) {
                        m[j * p + k] += aj * centre[k] / (scale[k] * bias);
                    }
                }
            }
        }
        return m;
    }
}
