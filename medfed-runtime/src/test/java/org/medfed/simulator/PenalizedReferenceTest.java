package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.method.MethodDefinition;
import org.medfed.methods.penalized.PenalizedMethod;
import org.medfed.methods.penalized.PenalizedParameters;
import org.medfed.methods.penalized.PenalizedResult;

/**
 * The {@code lasso-logistic-birthwt} fixture (glmnet, thresh 1e-14, and the exact optima of the
 * stated objective): at every λ the federated ADMM's coefficients are within {@link #TOLERANCE} of
 * the exact optimum and of glmnet, exactly zero where the exact optimum is zero, and its objective
 * is no larger than glmnet's own objective (computed here from glmnet's coefficients on the pooled
 * rows) plus 1e-8. The lasso's three λ are one path, warm-started.
 */
public class PenalizedReferenceTest {
    public static final String FORMULA = "low ~ age + lwt + race_black + race_other + smoke + ptl + ht + ui + ftv";
    /** The stated tolerance of the ADMM coefficients (absolute, original scale) at the default control. */
    static final double TOLERANCE = 1e-6;

    static PenalizedResult fit(MethodDefinition<PenalizedParameters> method, PenalizedParameters parameters) {
        ReferenceCase c = ReferenceCase.load("lasso-logistic-birthwt");
        return (PenalizedResult) Simulator.load(c.siteFiles()).run(method, parameters, null).result();
    }

    /** The pooled rows: outcome in column 0, then the nine predictors. */
    static double[][] pooled() {
        ReferenceCase c = ReferenceCase.load("lasso-logistic-birthwt");
        try {
            List<String> lines = Files.readAllLines(c.pooled());
            double[][] rows = new double[lines.size() - 1][];
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                rows[i - 1] = new double[f.length];
                for (int j = 0; j < f.length; j++) {
                    rows[i - 1][j] = Double.parseDouble(f[j]);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** glmnet's binomial objective at coefficients b (intercept first), on the pooled rows. */
    static double objective(double[] b, double lambda, double alpha) {
        double[][] rows = pooled();
        double loss = 0;
        for (double[] r : rows) {
            double eta = b[0];
            for (int j = 1; j < b.length; j++) {
                eta += b[j] * r[j];
            }
            loss += Math.log1p(Math.exp(-Math.abs(eta))) + Math.max(eta, 0) - r[0] * eta;
        }
        double l1 = 0;
        double l2 = 0;
        for (int j = 1; j < b.length; j++) {
            l1 += Math.abs(b[j]);
            l2 += b[j] * b[j];
        }
        return loss / rows.length + lambda * ((1 - alpha) / 2 * l2 + alpha * l1);
    }

    public static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** Checks the i-th solution of r against the fixture's solution node; returns the largest coefficient difference. */
    static double check(PenalizedResult r, int i, JsonNode expected) {
        double lambda = expected.path("lambda").asDouble();
        double alpha = expected.path("alpha").asDouble();
        assertEquals(lambda, r.lambda(i), "lambda order");
        assertTrue(r.converged(i), "converged at lambda " + lambda);
        List<String> terms = new ArrayList<>();
        expected.path("terms").forEach(t -> terms.add(t.asText()));
        assertEquals(terms, r.terms());
        double[] exact = numbers(expected.path("exact").path("estimate"));
        double[] glmnet = numbers(expected.path("estimate"));
        double[] b = r.estimate(i);
        double worst = 0;
        for (int j = 0; j < b.length; j++) {
            String what = "lambda " + lambda + " alpha " + alpha + ", " + terms.get(j);
            if (exact[j] == 0) {
                assertEquals(0.0, b[j], what + " must be exactly zero");
            }
            assertEquals(exact[j], b[j], TOLERANCE, what + " vs exact");
            assertEquals(glmnet[j], b[j], TOLERANCE, what + " vs glmnet");
            worst = Math.max(worst, Math.abs(b[j] - exact[j]));
        }
        double ours = objective(b, lambda, alpha);
        assertEquals(ours, r.objective(i), 1e-12, "the reported objective is the objective at the reported coefficients");
        double theirs = objective(glmnet, lambda, alpha);
        assertTrue(ours <= theirs + 1e-8, "objective " + ours + " vs glmnet's " + theirs);
        assertEquals(expected.path("exact").path("objective").asDouble(), ours, 1e-10, "objective vs exact");
        return worst;
    }

    @Test
    void lassoPath() {
        JsonNode analysis = ReferenceCase.load("lasso-logistic-birthwt").analysis("lasso");
        // Given in increasing order: the method fits them decreasing, warm-started.
        PenalizedResult r = fit(PenalizedMethod.lasso(), PenalizedParameters.of(FORMULA, "binomial", 1,
                List.of(0.008, 0.05, 0.02)));
        assertEquals(3, r.size());
        for (int i = 0; i < 3; i++) {
            double worst = check(r, i, analysis.path("solutions").get(i));
            System.out.printf("lasso lambda %s: max |b - exact| %.3g, iterations %d%n", r.lambda(i), worst, r.iterations(i));
        }
    }

    @Test
    void elasticNet() {
        JsonNode analysis = ReferenceCase.load("lasso-logistic-birthwt").analysis("elastic_net_alpha_0.5");
        PenalizedResult r = fit(PenalizedMethod.elasticnet(), PenalizedParameters.of(FORMULA, "binomial", 0.5, List.of(0.02)));
        double worst = check(r, 0, analysis.path("solutions").get(0));
        System.out.printf("elasticnet: max |b - exact| %.3g, iterations %d%n", worst, r.iterations(0));
    }

    @Test
    void ridgeLogistic() {
        JsonNode analysis = ReferenceCase.load("lasso-logistic-birthwt").analysis("ridge_alpha_0");
        PenalizedResult r = fit(PenalizedMethod.admmLogistic(), PenalizedParameters.of(FORMULA, "binomial", 0, List.of(0.05)));
        double worst = check(r, 0, analysis.path("solutions").get(0));
        System.out.printf("admm-logistic: max |b - exact| %.3g, iterations %d%n", worst, r.iterations(0));
    }
}
