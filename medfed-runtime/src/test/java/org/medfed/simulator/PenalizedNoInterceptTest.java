package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.method.MethodDefinition;
import org.medfed.methods.penalized.PenalizedMethod;
import org.medfed.methods.penalized.PenalizedParameters;
import org.medfed.methods.penalized.PenalizedResult;

/**
 * Lasso, elastic net and L2 logistic regression without an intercept (formula {@code - 1},
 * glmnet's {@code intercept = FALSE}) against glmnet ({@code r-checks/glmnet-no-intercept.R}, which
 * also shows by the optimality conditions what glmnet minimises then: x uncentred but
 * standardized by its centred sd, the gaussian ridge part divided by sqrt(mean y²)), gaussian on
 * the glm-gaussian-mtcars fixture (all three cyl indicators, as R's model.matrix codes a factor
 * without intercept) and binomial on lasso-logistic-birthwt. At every λ: coefficients within 1e-6
 * (relative to max(1, |b|)) of the exact optimum the script computes; glmnet itself, at thresh
 * 1e-14, is up to 7e-5 from it on mtcars (whose five columns are nearly collinear: the cyl
 * indicators sum to 1) and 5e-7 on birthwt, so the comparison with glmnet's own coefficients allows
 * 1e-4; exact zeros where glmnet's are zero; the objective, recomputed here on the pooled rows,
 * no larger than glmnet's + 1e-8 and within 1e-10 of the exact optimum's; %Dev (against glmnet's
 * null model without intercept) within 1e-6. The default sequence: the same λ_max and λ values,
 * the same path length after glmnet's early stop, the same coefficients (1e-4).
 */
class PenalizedNoInterceptTest {
    private static final String MTCARS = "mpg ~ wt + hp + factor(cyl) - 1";
    private static final String BIRTHWT = "low ~ age + lwt + race_black + race_other + smoke + ptl + ht + ui + ftv - 1";
    private static final JsonNode R = read();

    private static JsonNode read() {
        return RChecks.read("glmnet-no-intercept.json");
    }

    private static boolean gaussian(String name) {
        return name.startsWith("mtcars");
    }

    /** Pooled rows, the response first, then the design columns as R's model.matrix without intercept has them. */
    private static double[][] pooled(String name) {
        ReferenceCase c = ReferenceCase.load(gaussian(name) ? "glm-gaussian-mtcars" : "lasso-logistic-birthwt");
        try {
            List<String> lines = Files.readAllLines(c.pooled());
            double[][] rows = new double[lines.size() - 1][];
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                if (gaussian(name)) {
                    // mpg,cyl,hp,wt -> mpg, wt, hp, cyl4, cyl6, cyl8
                    double cyl = Double.parseDouble(f[1]);
                    rows[i - 1] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[3]), Double.parseDouble(f[2]),
                        cyl == 4 ? 1 : 0, cyl == 6 ? 1 : 0, cyl == 8 ? 1 : 0};
                } else {
                    rows[i - 1] = new double[f.length];
                    for (int j = 0; j < f.length; j++) {
                        rows[i - 1][j] = Double.parseDouble(f[j]);
                    }
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sd (divisor n) of each design column where standardized, else 1. */
    private static double[] weights(double[][] rows, int p, boolean standardize) {
        double[] w = new double[p];
        for (int j = 0; j < p; j++) {
            if (!standardize) {
                w[j] = 1;
                continue;
            }
            double m = 0;
            for (double[] r : rows) {
                m += r[j + 1] / rows.length;
            }
            double v = 0;
            for (double[] r : rows) {
                v += (r[j + 1] - m) * (r[j + 1] - m) / rows.length;
            }
            w[j] = Math.sqrt(v);
        }
        return w;
    }

    /** glmnet's effective objective without intercept: loss + λ[(1−α)/(2c)||w∘b||² + α||w∘b||₁], c = sqrt(mean y²) (gaussian) or 1. */
    private static double objective(String name, double[] b, double lambda, double alpha, boolean standardize) {
        double[][] rows = pooled(name);
        double n = rows.length;
        double loss = 0;
        double squares = 0;
        for (double[] r : rows) {
            double eta = 0;
            for (int j = 0; j < b.length; j++) {
                eta += b[j] * r[j + 1];
            }
            squares += r[0] * r[0];
            loss += gaussian(name) ? (r[0] - eta) * (r[0] - eta) / 2
                    : (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - r[0] * eta;
        }
        double c = gaussian(name) ? Math.sqrt(squares / n) : 1;
        double[] w = weights(rows, b.length, standardize);
        double l1 = 0;
        double l2 = 0;
        for (int j = 0; j < b.length; j++) {
            l1 += w[j] * Math.abs(b[j]);
            l2 += w[j] * w[j] * b[j] * b[j];
        }
        return loss / n + lambda * ((1 - alpha) / (2 * c) * l2 + alpha * l1);
    }

    private static PenalizedResult fit(String name, List<Double> lambdas) {
        JsonNode expected = R.path(name);
        double alpha = expected.path("alpha").asDouble();
        PenalizedParameters p = PenalizedParameters.of(gaussian(name) ? MTCARS : BIRTHWT, expected.path("family").asText(), alpha,
                lambdas).withStandardize(expected.path("standardize").asBoolean());
        MethodDefinition<PenalizedParameters> method = alpha == 1 ? PenalizedMethod.lasso()
                : alpha == 0 ? PenalizedMethod.admmLogistic() : PenalizedMethod.elasticnet();
        ReferenceCase c = ReferenceCase.load(gaussian(name) ? "glm-gaussian-mtcars" : "lasso-logistic-birthwt");
        return (PenalizedResult) Simulator.load(c.siteFiles()).run(method, p, null).result();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mtcars_lasso", "mtcars_enet", "mtcars_lasso_std", "mtcars_enet_std", "birthwt_lasso",
        "birthwt_enet_std", "birthwt_lasso_std", "birthwt_ridge"})
    void matchesGlmnet(String name) {
        JsonNode expected = R.path(name);
        double alpha = expected.path("alpha").asDouble();
        boolean standardize = expected.path("standardize").asBoolean();
        List<Double> lambdas = new ArrayList<>();
        expected.path("solutions").forEach(s -> lambdas.add(s.path("lambda").asDouble()));
        PenalizedResult r = fit(name, lambdas);
        List<String> terms = new ArrayList<>();
        expected.path("terms").forEach(t -> terms.add(t.asText()));
        assertEquals(terms, r.terms(), "no (Intercept) row; the factor coded by all its levels as R does");
        assertEquals(expected.path("null_deviance").asDouble(), r.nullDeviance(), 1e-10 * r.nullDeviance());
        if (gaussian(name)) {
            assertEquals(expected.path("y_scale").asDouble(), r.yScale(), 1e-12 * r.yScale());
        }
        for (int i = 0; i < lambdas.size(); i++) {
            JsonNode s = expected.path("solutions").get(i);
            double lambda = s.path("lambda").asDouble();
            assertEquals(lambda, r.lambda(i));
            assertTrue(r.converged(i), name + " lambda " + lambda + " converged");
            double[] b = r.estimate(i);
            double[] glmnet = PenalizedReferenceTest.numbers(s.path("estimate"));
            double[] exact = PenalizedReferenceTest.numbers(s.path("exact"));
            assertEquals(glmnet.length, b.length);
            double worst = 0;
            double worstGlmnet = 0;
            for (int j = 0; j < b.length; j++) {
                String what = name + " lambda " + lambda + " " + terms.get(j);
                if (glmnet[j] == 0) {
                    assertEquals(0.0, b[j], what + " must be exactly zero");
                }
                assertEquals(exact[j], b[j], 1e-6 * Math.max(1, Math.abs(exact[j])), what + " vs exact");
                assertEquals(glmnet[j], b[j], 1e-4 * Math.max(1, Math.abs(glmnet[j])), what + " vs glmnet");
                worst = Math.max(worst, Math.abs(b[j] - exact[j]) / Math.max(1, Math.abs(exact[j])));
                worstGlmnet = Math.max(worstGlmnet, Math.abs(b[j] - glmnet[j]) / Math.max(1, Math.abs(glmnet[j])));
            }
            double ours = objective(name, b, lambda, alpha, standardize);
            assertEquals(ours, r.objective(i), 1e-10 * ours, name + ": the reported objective at the reported coefficients");
            double theirs = objective(name, glmnet, lambda, alpha, standardize);
            assertEquals(s.path("objective").asDouble(), theirs, 1e-12 * theirs, name + ": this test's objective is R's");
            assertTrue(ours <= theirs + 1e-8, name + " objective " + ours + " vs glmnet's " + theirs);
            assertEquals(s.path("exact_objective").asDouble(), ours, 1e-10, name + " objective vs exact");
            assertEquals(s.path("dev_ratio").asDouble(), r.solutions().get(i).devRatio(), 1e-6, name + " %Dev");
            System.out.printf("%s lambda %s: max rel diff from exact %.3g, from glmnet %.3g, objective - glmnet's %.3g,"
                    + " iterations %d%n", name, lambda, worst, worstGlmnet, ours - theirs, r.iterations(i));
        }
        assertFalse(r.toText().contains("(Intercept)"));
        assertFalse(r.toJson().toString().contains("(Intercept)"));
        assertTrue(r.objectiveText().contains("no intercept"), r.objectiveText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mtcars_lasso", "birthwt_lasso"})
    void matchesGlmnetsDefaultPath(String name) {
        JsonNode expected = R.path(name).path("default_path");
        PenalizedResult r = fit(name, null);
        JsonNode lambdas = expected.path("lambda");
        assertEquals(expected.path("lambda_max_check").asDouble(), r.lambdaMax(), 1e-10 * r.lambdaMax(), name + ": lambda_max");
        assertEquals(lambdas.size(), r.size(), name + ": path length (glmnet's early stop)");
        double worst = assertSolvedAsGlmnet(name, expected, r);
        System.out.printf("%s default path: %d lambdas, max relative coefficient difference from glmnet %.3g%n", name,
                r.size(), worst);
    }

    /**
     * Every λ of {@code r} (a prefix of glmnet's default path) equals glmnet's, converged, with
     * coefficients within 1e-4 of glmnet's and %Dev within 1e-6; returns the largest relative
     * coefficient difference.
     */
    private static double assertSolvedAsGlmnet(String name, JsonNode expected, PenalizedResult r) {
        double worst = 0;
        for (int i = 0; i < r.size(); i++) {
            double lambda = expected.path("lambda").get(i).asDouble();
            assertEquals(lambda, r.lambda(i), 1e-10 * lambda, name + ": lambda " + i);
            assertTrue(r.converged(i), name + ": converged at lambda " + i);
            double[] glmnet = PenalizedReferenceTest.numbers(expected.path("estimate").get(i));
            double[] b = r.estimate(i);
            for (int j = 0; j < b.length; j++) {
                double scale = Math.max(1, Math.abs(glmnet[j]));
                assertEquals(glmnet[j], b[j], 1e-4 * scale, name + ": lambda " + i + " term " + r.terms().get(j));
                worst = Math.max(worst, Math.abs(glmnet[j] - b[j]) / scale);
            }
            assertEquals(expected.path("dev_ratio").get(i).asDouble(), r.solutions().get(i).devRatio(), 1e-6,
                    name + ": %Dev at lambda " + i);
        }
        return worst;
    }

    /**
     * glmnet's full standardized default path here (93 λ) takes this ADMM more than the job's
     * 10,000 rounds: the path returns the λ it solved, each equal to glmnet's, with a warning saying
     * where it stopped (as glmnet returns the larger λ when one does not converge), instead of
     * failing the job.
     */
    @Test
    void aPathLongerThanTheJobsRoundsReturnsTheLambdasItSolved() {
        String name = "mtcars_lasso_std";
        JsonNode expected = R.path(name).path("default_path");
        PenalizedResult r = fit(name, null);
        int solved = r.size();
        assertTrue(solved >= 1 && solved < expected.path("lambda").size(), solved + " of " + expected.path("lambda").size());
        String warning = String.join("\n", r.warnings());
        assertTrue(warning.contains("the path stops after " + solved + " of 100 lambda values")
                && warning.contains("limit of 10000 rounds") && warning.contains("--nlambda"), warning);
        assertSolvedAsGlmnet(name, expected, r);
        System.out.printf("%s default path: %d of glmnet's %d lambdas within the job's rounds%n", name, solved,
                expected.path("lambda").size());
    }

    /**
     * λ_max with standardize (the score divided by each column's centred sd although nothing is
     * centred) and for α < 1, on a short default sequence: glmnet's λ_max, every coefficient zero
     * there (within rounding: the largest score lies on the threshold itself), then equal log steps.
     * (glmnet's full 100-value standardized paths here take this ADMM more than the job's 10,000
     * rounds: see the test above.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"mtcars_enet_std", "mtcars_lasso_std", "birthwt_enet_std", "birthwt_lasso_std", "birthwt_ridge"})
    void theDefaultSequenceStartsAtGlmnetsLambdaMax(String name) {
        JsonNode expected = R.path(name);
        double alpha = expected.path("alpha").asDouble();
        PenalizedParameters p = PenalizedParameters.of(gaussian(name) ? MTCARS : BIRTHWT, expected.path("family").asText(), alpha,
                null).withStandardize(expected.path("standardize").asBoolean()).withDefaultSequence(5, 0.5);
        MethodDefinition<PenalizedParameters> method = alpha == 1 ? PenalizedMethod.lasso()
                : alpha == 0 ? PenalizedMethod.admmLogistic() : PenalizedMethod.elasticnet();
        ReferenceCase c = ReferenceCase.load(gaussian(name) ? "glm-gaussian-mtcars" : "lasso-logistic-birthwt");
        PenalizedResult r = (PenalizedResult) Simulator.load(c.siteFiles()).run(method, p, null).result();
        double glmnetMax = expected.path("default_path").path("lambda").get(0).asDouble();
        assertEquals(expected.path("default_path").path("lambda_max_check").asDouble(), glmnetMax, 1e-12 * glmnetMax);
        assertEquals(glmnetMax, r.lambdaMax(), 1e-10 * glmnetMax, name + ": lambda_max");
        assertEquals(5, r.size());
        for (int i = 0; i < r.size(); i++) {
            assertEquals(glmnetMax * Math.pow(0.5, i / 4.0), r.lambda(i), 1e-10 * glmnetMax, name + ": lambda " + i);
        }
        if (alpha > 0) {
            for (double b : r.estimate(0)) {
                assertEquals(0, b, 1e-8, name + ": every coefficient is 0 at lambda_max");
            }
        }
    }

    /**
     * A constant column without an intercept would act as one; glmnet drops constant columns
     * (coefficient 0 at every λ, checked in R 4.2.2 / glmnet 4.1-6 with a column of 2s beside wt and
     * hp on mtcars), and so does medfed: the fit with the column is the fit without it, with a warning.
     */
    @Test
    void aConstantColumnGetsCoefficientZero(@TempDir Path dir) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : ReferenceCase.load("glm-gaussian-mtcars").siteFiles().entrySet()) {
            List<String> lines = Files.readAllLines(e.getValue());
            List<String> out = new ArrayList<>();
            out.add(lines.get(0) + ",k");
            lines.subList(1, lines.size()).forEach(l -> out.add(l + ",2"));
            Path f = dir.resolve(e.getKey() + ".csv");
            Files.write(f, out);
            files.put(e.getKey(), f);
        }
        List<Double> lambdas = List.of(10.0, 1.0);
        PenalizedResult with = (PenalizedResult) Simulator.load(files).run(PenalizedMethod.lasso(),
                PenalizedParameters.of("mpg ~ wt + hp + k - 1", "gaussian", 1, lambdas), null).result();
        PenalizedResult without = (PenalizedResult) Simulator.load(files).run(PenalizedMethod.lasso(),
                PenalizedParameters.of("mpg ~ wt + hp - 1", "gaussian", 1, lambdas), null).result();
        assertEquals(List.of("wt", "hp", "k"), with.terms());
        for (int i = 0; i < lambdas.size(); i++) {
            assertEquals(0.0, with.estimate(i)[2], "k at lambda " + lambdas.get(i));
            for (int j = 0; j < 2; j++) {
                assertEquals(without.estimate(i)[j], with.estimate(i)[j], 1e-9 * Math.max(1, Math.abs(without.estimate(i)[j])));
            }
        }
        assertTrue(with.warnings().stream().anyMatch(w -> w.contains("column k is constant")), with.warnings().toString());
    }
}
