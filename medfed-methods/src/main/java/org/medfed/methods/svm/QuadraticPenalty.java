package org.medfed.methods.svm;

import org.medfed.linalg.PivotedCholesky;
import org.medfed.methods.admm.ConsensusProx;

/**
 * The hub's part of the SVM's consensus problem: {@code g(z) = ½ zᵀPz} with P positive definite
 * (the identity in liblinear's coordinates, {@code AAᵀ} in standardized ones, see {@link
 * WorkingCoordinates}). Its proximal step solves {@code (P + tI) z = t v}; the factorization is
 * kept for the last t, which changes only when the ADMM rebalances ρ. P's own factorization gives
 * the dual objective's {@code vᵀP⁻¹v}.
 */
final class QuadraticPenalty implements ConsensusProx {
    private final double[] matrix;
    private final int p;
    private double factoredT = Double.NaN;
    private PivotedCholesky factor;
    private PivotedCholesky inverse;

    QuadraticPenalty(double[] matrix, int p) {
        if (matrix.length != p * p) {
            throw new IllegalArgumentException("penalty matrix is not " + p + " × " + p);
        }
        this.matrix = matrix.clone();
        this.p = p;
    }

    @Override
    public double[] prox(double[] v, double t) {
        if (t != factoredT) {
            double[] a = matrix.clone();
            for (int j = 0; j < p; j++) {
                a[j * p + j] += t;
            }
            factor = PivotedCholesky.decompose(a, p);
            if (factor.rank() < p) {
                throw new IllegalStateException("svm: the penalty's proximal system is singular");
            }
            factoredT = t;
        }
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = t * v[j];
        }
        return factor.solve(b);
    }

    /** Pz. */
    private double[] times(double[] z) {
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int k = 0; k < p; k++) {
                s += matrix[j * p + k] * z[k];
            }
            out[j] = s;
        }
        return out;
    }

    /** P⁻¹v (P's own factorization, kept). */
    double[] inverseTimes(double[] v) {
        if (inverse == null) {
            inverse = PivotedCholesky.decompose(matrix.clone(), p);
            if (inverse.rank() < p) {
                throw new IllegalStateException("svm: the penalty matrix is singular");
            }
        }
        return inverse.solve(v.clone());
    }

    /** vᵀP⁻¹v: the quadratic part of the SVM's dual objective (see {@link DualityGap}). */
    double dualQuadratic(double[] v) {
        double[] x = inverseTimes(v);
        double s = 0;
        for (int j = 0; j < p; j++) {
            s += v[j] * x[j];
        }
        return s;
    }

    @Override
    public double value(double[] z) {
        double[] pz = times(z);
        double s = 0;
        for (int j = 0; j < p; j++) {
            s += z[j] * pz[j];
        }
        return 0.5 * s;
    }
}
