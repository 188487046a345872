package org.medfed.methods.glm;

import java.util.List;
import org.apache.commons.numbers.gamma.LogGamma;
import org.medfed.error.UsageException;

/**
 * An exponential family with its canonical link, written row-wise exactly as R's C and R code
 * computes it (including R's clamps near 0 and 1), so that federated sums reproduce R's numbers.
 */
public abstract class GlmFamily {
    static final double DBL_EPSILON = Math.ulp(1.0);

    public static GlmFamily named(String name) {
        return switch (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) {
            case "binomial", "logistic" -> new Binomial();
            case "gaussian", "normal" -> new Gaussian();
            case "poisson" -> new Poisson();
            default -> throw new UsageException("unknown family '" + name + "' (available: " + String.join(", ", NAMES) + ")");
        };
    }

    public static final List<String> NAMES = List.of("binomial", "gaussian", "poisson");

    public abstract String name();

    public abstract String link();

    /** Whether the dispersion is estimated (t tests) rather than fixed at 1 (z tests). */
    public abstract boolean estimatesDispersion();

    /** R's family$initialize: the starting mean for one row. */
    abstract double startMu(double y, double weight);

    abstract double linkfun(double mu);

    abstract double linkinv(double eta);

    abstract double muEta(double eta);

    abstract double variance(double mu);

    abstract double devResid(double y, double mu, double weight);

    /** Log-likelihood contribution of one row with dispersion 1 (binomial, poisson); unused for gaussian. */
    abstract double logLik(double y, double mu, double weight);

    /** Why y is outside the family's support, or null if it is fine. */
    abstract String checkResponse(double y);

    /** Whether mu is at the boundary R warns about (fitted probabilities numerically 0 or 1 / rates 0). */
    abstract boolean atBoundary(double mu);

    /** R's warning for {@link #atBoundary}, or null. */
    abstract String boundaryWarning();

    static final class Binomial extends GlmFamily {
        private static final double THRESH = 30;
        private static final double MTHRESH = -30;
        private static final double INVEPS = 1 / DBL_EPSILON;

        @Override
        public String name() {
            return "binomial";
        }

        @Override
        public String link() {
            return "logit";
        }

        @Override
        public boolean estimatesDispersion() {
            return false;
        }

        @Override
        double startMu(double y, double weight) {
            return (weight * y + 0.5) / (weight + 1);
        }

        @Override
        double linkfun(double mu) {
            return Math.log(mu / (1 - mu));
        }

        @Override
        double linkinv(double eta) {
            double tmp = eta < MTHRESH ? DBL_EPSILON : (eta > THRESH ? INVEPS : Math.exp(eta));
            return tmp / (1 + tmp);
        }

        @Override
        double muEta(double eta) {
            double opexp = 1 + Math.exp(eta);
            return (eta > THRESH || eta < MTHRESH) ? DBL_EPSILON : Math.exp(eta) / (opexp * opexp);
        }

        @Override
        double variance(double mu) {
            return mu * (1 - mu);
        }

        @Override
        double devResid(double y, double mu, double weight) {
            return 2 * weight * (yLogY(y, mu) + yLogY(1 - y, 1 - mu));
        }

        private static double yLogY(double y, double mu) {
            return y != 0 ? y * Math.log(y / mu) : 0;
        }

        @Override
        double logLik(double y, double mu, double weight) {
            if (weight <= 0) {
                return 0;
            }
            double m = Math.rint(weight);
            double k = Math.rint(weight * y);
            double lchoose = (k == 0 || k == m) ? 0
                    : LogGamma.value(m + 1) - LogGamma.value(k + 1) - LogGamma.value(m - k + 1);
            double ll = lchoose + (k > 0 ? k * Math.log(mu) : 0) + (m - k > 0 ? (m - k) * Math.log1p(-mu) : 0);
            return ll;
        }

        @Override
        String checkResponse(double y) {
            return (y < 0 || y > 1) ? "binomial outcome must be 0 or 1 (or a proportion in [0, 1]), found " + format(y) : null;
        }

        @Override
        boolean atBoundary(double mu) {
            double eps = 10 * DBL_EPSILON;
            return mu > 1 - eps || mu < eps;
        }

        @Override
        String boundaryWarning() {
            return "glm.fit: fitted probabilities numerically 0 or 1 occurred";
        }
    }

    static final class Poisson extends GlmFamily {
        @Override
        public String name() {
            return "poisson";
        }

        @Override
        public String link() {
            return "log";
        }

        @Override
        public boolean estimatesDispersion() {
            return false;
        }

        @Override
        double startMu(double y, double weight) {
            return y + 0.1;
        }

        @Override
        double linkfun(double mu) {
            return Math.log(mu);
        }

        @Override
        double linkinv(double eta) {
            return Math.max(Math.exp(eta), DBL_EPSILON);
        }

        @Override
        double muEta(double eta) {
            return Math.max(Math.exp(eta), DBL_EPSILON);
        }

        @Override
        double variance(double mu) {
            return mu;
        }

        @Override
        double devResid(double y, double mu, double weight) {
            double r = y > 0 ? weight * (y * Math.log(y / mu) - (y - mu)) : mu * weight;
            return 2 * r;
        }

        @Override
        double logLik(double y, double mu, double weight) {
            // R: dpois(y, mu, log = TRUE) * wt; non-integer y gives -Inf there (with a warning).
            if (y != Math.rint(y)) {
                return Double.NEGATIVE_INFINITY;
            }
            double ll = (y == 0 ? 0 : y * Math.log(mu)) - mu - LogGamma.value(y + 1);
            return ll * weight;
        }

        @Override
        String checkResponse(double y) {
            return y < 0 ? "negative values not allowed for the poisson family, found " + format(y) : null;
        }

        @Override
        boolean atBoundary(double mu) {
            return mu < 10 * DBL_EPSILON;
        }

        @Override
        String boundaryWarning() {
            return "glm.fit: fitted rates numerically 0 occurred";
        }
    }

    static final class Gaussian extends GlmFamily {
        @Override
        public String name() {
            return "gaussian";
        }

        @Override
        public String link() {
            return "identity";
        }

        @Override
        public boolean estimatesDispersion() {
            return true;
        }

        @Override
        double startMu(double y, double weight) {
            return y;
        }

        @Override
        double linkfun(double mu) {
            return mu;
        }

        @Override
        double linkinv(double eta) {
            return eta;
        }

        @Override
        double muEta(double eta) {
            return 1;
        }

        @Override
        double variance(double mu) {
            return 1;
        }

        @Override
        double devResid(double y, double mu, double weight) {
            double r = y - mu;
            return weight * r * r;
        }

        @Override
        double logLik(double y, double mu, double weight) {
            return 0;
        }

        @Override
        String checkResponse(double y) {
            return null;
        }

        @Override
        boolean atBoundary(double mu) {
            return false;
        }

        @Override
        String boundaryWarning() {
            return null;
        }
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
