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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.methods.svm.SvmMethod;
import org.medfed.methods.svm.SvmParameters;
import org.medfed.methods.svm.SvmResult;

/**
 * The svm's outcome coding and refusals: a two-level text outcome is the same fit as its 0/1
 * coding (the later level +1, or the one --positive names, which flips every sign), and bad
 * input is refused with a message naming what is wrong: C or the bias not positive, an outcome
 * with three levels across sites, an outcome with one level, a positive level that does not
 * occur.
 */
class SvmInputTest {
    @TempDir
    Path dir;

    /** The fixture's site files with the outcome column rewritten by {@code recode}. */
    private Map<String, Path> recoded(java.util.function.BiFunction<String, String, String> recode) throws IOException {
        ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
        Map<String, Path> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : c.siteFiles().entrySet()) {
            List<String> lines = Files.readAllLines(e.getValue());
            List<String> rewritten = new ArrayList<>(List.of(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                int comma = line.indexOf(',');
                rewritten.add(recode.apply(e.getKey(), line.substring(0, comma)) + line.substring(comma));
            }
            Path file = dir.resolve(e.getKey() + ".csv");
            Files.write(file, rewritten);
            out.put(e.getKey(), file);
        }
        return out;
    }

    private static SvmResult fit(Map<String, Path> files, SvmParameters p) {
        return (SvmResult) Simulator.load(files).run(new SvmMethod(), p, null).result();
    }

    @Test
    void aTwoLevelTextOutcomeIsTheSameFit() throws IOException {
        SvmParameters p = SvmReferenceTest.parameters(1);
        SvmResult numeric = fit(ReferenceCase.load("glm-logistic-birthwt").siteFiles(), p);
        SvmResult text = fit(recoded((site, y) -> y.equals("1") ? "yes" : "no"), p);
        assertEquals(List.of("no", "yes"), text.classes());
        assertEquals(numeric.objective(), text.objective(), 1e-12 * numeric.objective());
        for (int j = 0; j < numeric.terms().size(); j++) {
            assertEquals(numeric.estimates()[j], text.estimates()[j], 1e-12, numeric.terms().get(j));
        }
        // Coding "no" as +1 is the mirror image: every coefficient changes sign.
        SvmResult flipped = fit(recoded((site, y) -> y.equals("1") ? "yes" : "no"), p.withPositive("no"));
        assertEquals(List.of("yes", "no"), flipped.classes());
        assertEquals(numeric.objective(), flipped.objective(), 1e-6 * numeric.objective());
        for (int j = 0; j < numeric.terms().size(); j++) {
            assertEquals(-numeric.estimates()[j], flipped.estimates()[j], 1e-5, numeric.terms().get(j));
        }
    }

    @Test
    void refusesCostAndBiasThatAreNotPositive() {
        UsageException cost = assertThrows(UsageException.class, () -> SvmParameters.of("low ~ age", 0));
        assertTrue(cost.getMessage().contains("the cost C (--C) must be a positive number"), cost.getMessage());
        assertThrows(UsageException.class, () -> SvmParameters.of("low ~ age", -1));
        assertThrows(UsageException.class, () -> SvmParameters.of("low ~ age", Double.NaN));
        UsageException bias = assertThrows(UsageException.class, () -> SvmParameters.of("low ~ age", 1).withBias(-1));
        assertTrue(bias.getMessage().contains("drop the intercept"), bias.getMessage());
        UsageException noResponse = assertThrows(UsageException.class, () -> SvmParameters.of("~ age", 1));
        assertTrue(noResponse.getMessage().contains("binary response"), noResponse.getMessage());
    }

    @Test
    void refusesThreeLevelsAcrossSitesAndOneLevel() throws IOException {
        // Each site has two levels, but site3 codes its cases 2: three among all sites, which only the hub sees.
        Map<String, Path> files = recoded((site, y) -> site.equals("site3") && y.equals("1") ? "2" : y);
        MedfedException three = assertThrows(MedfedException.class, () -> fit(files, SvmReferenceTest.parameters(1)));
        assertTrue(three.getMessage().contains("svm needs a binary outcome") && three.getMessage().contains("low has 3 levels")
                && three.getMessage().contains("0, 1, 2"), three.getMessage());
        MedfedException one = assertThrows(MedfedException.class, () -> Simulator.load(ReferenceCase
                .load("glm-logistic-birthwt").siteFiles()).run(new SvmMethod(), SvmReferenceTest.parameters(1), "low == 0"));
        assertTrue(one.getMessage().contains("low has 1 level"), one.getMessage());
        MedfedException positive = assertThrows(MedfedException.class, () -> fit(ReferenceCase.load("glm-logistic-birthwt")
                .siteFiles(), SvmReferenceTest.parameters(1).withPositive("yes")));
        assertTrue(positive.getMessage().contains("positive level 'yes'"), positive.getMessage());
    }
}
