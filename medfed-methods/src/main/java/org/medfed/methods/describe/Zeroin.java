package org.medfed.methods.describe;

import java.util.function.DoubleUnaryOperator;

/**
 * R's {@code uniroot} (Brent's method, {@code R_zeroin2} in R's {@code zeroin.c}), step for step,
 * with R's default tolerance. {@code fisher.test} finds its conditional odds ratio and confidence
 * limits with {@code uniroot} at that tolerance, so its numbers are within about 1e-4 of the exact
 * roots; following the same steps reproduces R's numbers to rounding instead of to 1e-4.
 */
final class Zeroin {
    /** {@code .Machine$double.eps^0.25}, uniroot's default {@code tol}. */
    static final double R_TOLERANCE = Math.pow(Math.ulp(1.0), 0.25);
    private static final int R_MAXITER = 1000;

    private Zeroin() {
    }

    /** {@code uniroot(f, c(lower, upper))$root}; f(lower) and f(upper) must differ in sign. */
    static double uniroot(DoubleUnaryOperator f, double lower, double upper) {
        double fLower = f.applyAsDouble(lower);
        double fUpper = f.applyAsDouble(upper);
        if (fLower * fUpper > 0) {
            throw new IllegalArgumentException("f() values at end points not of opposite sign");
        }
        return zeroin2(f, lower, upper, fLower, fUpper, R_TOLERANCE, R_MAXITER);
    }

    private static double zeroin2(DoubleUnaryOperator f, double ax, double bx, double fa, double fb, double tol,
                                  int maxIterations) {
        double a = ax;
        double b = bx;
        double c = a;
        double fc = fa;
        if (fa == 0.0) {
            return a;
        }
        if (fb == 0.0) {
            return b;
        }
        int maxit = maxIterations + 1;
        while (maxit-- > 0) {
            double prevStep = b - a;
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tolAct = 2 * Math.ulp(1.0) * Math.abs(b) + tol / 2;
            double newStep = (c - b) / 2;
            if (Math.abs(newStep) <= tolAct || fb == 0.0) {
                return b;
            }
            if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
                double p;
                double q;
                double cb = c - b;
                if (a == c) {
                    double t1 = fb / fa;
                    p = cb * t1;
                    q = 1.0 - t1;
                } else {
                    q = fa / fc;
                    double t1 = fb / fc;
                    double t2 = fb / fa;
                    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (p < (0.75 * cb * q - Math.abs(tolAct * q) / 2) && p < Math.abs(prevStep * q / 2)) {
                    newStep = p / q;
                }
            }
            if (Math.abs(newStep) < tolAct) {
                newStep = newStep > 0 ? tolAct : -tolAct;
            }
            a = b;
            fa = fb;
            b += newStep;
            fb = f.applyAsDouble(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
                c = a;
                fc = fa;
            }
        }
        return b;
    }
}
