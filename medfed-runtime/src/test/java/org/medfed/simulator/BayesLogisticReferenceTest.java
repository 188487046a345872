package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.methods.bayes.BayesLogisticMethod;
import org.medfed.methods.bayes.BayesLogisticParameters;
import org.medfed.methods.bayes.BayesResult;

/**
 * The {@code bayes-logistic-birthwt} fixture: the exact posterior moments (importance sampling,
 * Monte Carlo error ≈ 0.001 posterior sd) for prior sds 1 and 10. Federated EP must put every
 * posterior mean within 0.05 posterior sd of the exact one and every posterior sd within 5% — the
 * Laplace approximation (the fixture's {@code map}) is up to 0.22 sd off, which the test checks
 * too, so that it tells EP from Laplace — and the posterior must not depend on the sites' order.
 */
public class BayesLogisticReferenceTest {
    static final String FORMULA = "low ~ age + lwt + race + smoke + ptl + ht + ui + ftv";
    static final double MEAN_IN_SDS = 0.05;
    static final double SD_RELATIVE = 0.05;

    public static Map<String, Path> siteFiles(ReferenceCase c) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String site : List.of("site1", "site2", "site3")) {
            files.put(site, c.dir().resolve(site + ".csv"));
        }
        return files;
    }

    public static BayesLogisticParameters parameters(double priorSd) {
        return BayesLogisticParameters.of(FORMULA, priorSd).withLevels(Map.of("race", List.of("white", "black", "other")));
    }

    static BayesResult fit(Map<String, Path> files, BayesLogisticParameters parameters) {
        return (BayesResult) Simulator.load(files).run(new BayesLogisticMethod(), parameters, null).result();
    }

    static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "10"})
    void matchesTheExactPosteriorMoments(String priorSd) {
        ReferenceCase c = ReferenceCase.load("bayes-logistic-birthwt");
        JsonNode expected = c.analysis("prior_sd_" + priorSd);
        BayesResult r = fit(siteFiles(c), parameters(Double.parseDouble(priorSd)));
        assertTrue(r.converged(), "EP converged");
        assertEquals(189, r.n(), "rows");
        List<String> terms = new ArrayList<>();
        expected.path("terms").forEach(t -> terms.add(t.asText()));
        assertEquals(terms, r.terms(), "term names and order");
        double[] mean = numbers(expected.path("posterior_mean"));
        double[] sd = numbers(expected.path("posterior_sd"));
        double[] map = numbers(expected.path("map"));
        double worstLaplace = 0;
        for (int j = 0; j < terms.size(); j++) {
            BayesResult.PosteriorTerm t = r.coefficients().get(j);
            double meanOff = Math.abs(t.mean() - mean[j]) / sd[j];
            assertTrue(meanOff <= MEAN_IN_SDS, t.term() + ": EP mean " + t.mean() + " is " + meanOff
                    + " posterior sds from the exact " + mean[j]);
            double sdOff = Math.abs(t.sd() / sd[j] - 1);
            assertTrue(sdOff <= SD_RELATIVE, t.term() + ": EP sd " + t.sd() + " is " + sdOff + " relative from the exact " + sd[j]);
            worstLaplace = Math.max(worstLaplace, Math.abs(map[j] - mean[j]) / sd[j]);
            double z = 1.959963984540054;
            assertEquals(t.mean() - z * t.sd(), t.credLow(), 1e-12 * (1 + Math.abs(t.credLow())), t.term() + " credible low");
            assertEquals(t.mean() + z * t.sd(), t.credHigh(), 1e-12 * (1 + Math.abs(t.credHigh())), t.term() + " credible high");
        }
        if (priorSd.equals("1")) {
            // The check discriminates: the posterior mode (Laplace's centre) fails it on this case.
            assertTrue(worstLaplace > MEAN_IN_SDS, "the Laplace centre is " + worstLaplace + " sds off");
        }
        // Covariances in correlation units: within the same 0.05 as the means.
        JsonNode cov = expected.path("posterior_cov");
        for (int j = 0; j < terms.size(); j++) {
            for (int k = 0; k < terms.size(); k++) {
                double off = Math.abs(r.covariance()[j][k] - cov.get(j).get(k).asDouble()) / (sd[j] * sd[k]);
                assertTrue(off <= MEAN_IN_SDS, "covariance " + terms.get(j) + ", " + terms.get(k) + " off by " + off);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 10})
    void doesNotDependOnTheSitesOrder(double priorSd) {
        ReferenceCase c = ReferenceCase.load("bayes-logistic-birthwt");
        Map<String, Path> forward = siteFiles(c);
        Map<String, Path> backward = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(forward.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            backward.put(names.get(i), forward.get(names.get(i)));
        }
        BayesResult a = fit(forward, parameters(priorSd));
        BayesResult b = fit(backward, parameters(priorSd));
        for (int j = 0; j < a.terms().size(); j++) {
            BayesResult.PosteriorTerm x = a.coefficients().get(j);
            BayesResult.PosteriorTerm y = b.coefficients().get(j);
            assertEquals(x.mean(), y.mean(), 1e-6 * x.sd(), x.term() + " mean");
            assertEquals(x.sd(), y.sd(), 1e-6 * x.sd(), x.term() + " sd");
        }
    }
}
