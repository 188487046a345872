package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;
import org.medfed.methods.svm.SvmMethod;
import org.medfed.methods.svm.SvmParameters;
import org.medfed.methods.svm.SvmResult;
import org.medfed.site.ReleasePolicy;

/**
 * The training accuracy is opt-in because of what it asks of a site: its count of correctly
 * classified rows (and so of misclassified ones) is a count of rows grouped by the fitted class,
 * under the policy's evaluation cell minimum (3 by default). Here site3's rows are separated by
 * x1 but for one row with the other label, which the fit misclassifies: every site under its
 * default policy, the fit without {@code --accuracy} succeeds, and with it site3 refuses the last
 * round (the job fails with site3's reason).
 */
class SvmAccuracyPolicyTest {
    @TempDir
    Path dir;

    private Map<String, Path> sites() throws IOException {
        Random random = new Random(3);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String site : List.of("site1", "site2", "site3")) {
            List<String> lines = new ArrayList<>(List.of("y,x1,x2"));
            for (int i = 0; i < 40; i++) {
                double x1;
                boolean positive;
                if (site.equals("site3")) {
                    // Well apart on x1, but the first row has the other label deep on the positive side.
                    x1 = (i % 2 == 0 ? 1 : -1) * (0.8 + Math.abs(random.nextGaussian()));
                    positive = i == 0 ? false : x1 > 0;
                } else {
                    x1 = random.nextGaussian();
                    positive = x1 + random.nextGaussian() > 0;
                }
                lines.add((positive ? "1" : "0") + "," + x1 + "," + random.nextGaussian());
            }
            Path file = dir.resolve(site + ".csv");
            Files.write(file, lines);
            files.put(site, file);
        }
        return files;
    }

    /** How many of a file's rows the fit's decision function (intercept, x1, x2) puts in the wrong class. */
    private static int misclassified(Path file, double[] estimates) throws IOException {
        int wrong = 0;
        for (String line : Files.readAllLines(file).subList(1, 41)) {
            String[] f = line.split(",");
            double decision = estimates[0] + estimates[1] * Double.parseDouble(f[1]) + estimates[2] * Double.parseDouble(f[2]);
            wrong += (decision > 0) != f[0].equals("1") ? 1 : 0;
        }
        return wrong;
    }

    @Test
    void aSiteWithOneMisclassifiedRowRefusesOnlyTheOptInCount() throws IOException {
        Map<String, Path> files = sites();
        Map<String, ReleasePolicy> policies = new LinkedHashMap<>();
        files.keySet().forEach(site -> policies.put(site, ReleasePolicy.defaults()));
        SvmParameters p = SvmParameters.of("y ~ x1 + x2", 1);
        SvmResult fit = (SvmResult) Simulator.load(files).withPolicies(policies).withSecureAggregation(true)
                .run(new SvmMethod(), p, null).result();
        assertTrue(fit.converged(), fit.toText());
        assertTrue(Double.isNaN(fit.correct()) && !fit.toText().contains("Training accuracy"), fit.toText());
        assertEquals(1, misclassified(files.get("site3"), fit.estimates()), "site3's count the accuracy would release");
        assertTrue(misclassified(files.get("site1"), fit.estimates()) >= 3, "site1 has cells to spare");

        MedfedException refused = assertThrows(MedfedException.class, () -> Simulator.load(files).withPolicies(policies)
                .withSecureAggregation(true).run(new SvmMethod(), p.withAccuracy(true), null));
        assertTrue(refused.getMessage().contains("site3"), refused.getMessage());
        System.out.println("svm --accuracy under default policies: " + refused.getMessage());
    }
}
