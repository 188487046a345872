package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.methods.penalized.PenalizedMethod;
import org.medfed.methods.penalized.PenalizedParameters;
import org.medfed.methods.penalized.PenalizedResult;

/**
 * The model frame as glm has it: a row with a missing value is dropped (and counted), a
 * {@code --where} filter keeps only its rows, and a factor in the formula gets R's treatment
 * columns — each giving the same fit as the data edited by hand.
 */
class PenalizedFrameTest {
    private static final PenalizedParameters LASSO = PenalizedParameters.of(PenalizedReferenceTest.FORMULA, "binomial", 1,
            List.of(0.02));

    @TempDir
    Path dir;

    private static PenalizedResult fit(Map<String, Path> files, PenalizedParameters p, String where) {
        return (PenalizedResult) Simulator.load(files).run(PenalizedMethod.lasso(), p, where).result();
    }

    private Map<String, Path> edited(String suffix, java.util.function.BiFunction<String, List<String>, List<String>> edit)
            throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : ReferenceCase.load("lasso-logistic-birthwt").siteFiles().entrySet()) {
            Path p = dir.resolve(e.getKey() + suffix + ".csv");
            Files.write(p, edit.apply(e.getKey(), new ArrayList<>(Files.readAllLines(e.getValue()))));
            out.put(e.getKey(), p);
        }
        return out;
    }

    @Test
    void aRowWithAMissingValueIsDroppedAndCounted() throws IOException {
        Map<String, Path> withNa = edited("na", (site, lines) -> {
            if (site.equals("site2")) {
                lines.set(5, lines.get(5).replaceFirst("^([01]),[0-9]+,", "$1,NA,"));
            }
            return lines;
        });
        Map<String, Path> without = edited("without", (site, lines) -> {
            if (site.equals("site2")) {
                lines.remove(5);
            }
            return lines;
        });
        PenalizedResult a = fit(withNa, LASSO, null);
        PenalizedResult b = fit(without, LASSO, null);
        assertEquals(188, a.n());
        assertEquals(1, a.droppedBySite().get("site2"));
        assertArrayEquals(b.estimate(0), a.estimate(0), 1e-12);
        assertEquals(b.objective(0), a.objective(0), 1e-14);
    }

    @Test
    void whereKeepsOnlyItsRows() throws IOException {
        // smoke is column 6 of the fixture's CSVs.
        Map<String, Path> smokers = edited("smokers", (site, lines) -> {
            List<String> kept = new ArrayList<>(List.of(lines.get(0)));
            lines.stream().skip(1).filter(l -> l.split(",")[5].equals("1")).forEach(kept::add);
            return kept;
        });
        PenalizedParameters p = PenalizedParameters.of("low ~ age + lwt + ptl + ht", "binomial", 1, List.of(0.01));
        PenalizedResult filtered = fit(ReferenceCase.load("lasso-logistic-birthwt").siteFiles(), p, "smoke == 1");
        PenalizedResult byHand = fit(smokers, p, null);
        assertEquals(byHand.n(), filtered.n());
        assertEquals(74, filtered.n());
        assertArrayEquals(byHand.estimate(0), filtered.estimate(0), 1e-12);
        assertEquals("smoke == 1", filtered.where());
    }

    @Test
    void aFactorGetsTreatmentColumns() throws IOException {
        // race as text (white / black / other) gives the fixture's race_black and race_other columns.
        Map<String, Path> text = edited("race", (site, lines) -> {
            List<String> out = new ArrayList<>();
            out.add("low,age,lwt,race,smoke,ptl,ht,ui,ftv");
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.split(",");
                String race = f[3].equals("1") ? "black" : f[4].equals("1") ? "other" : "white";
                out.add(String.join(",", f[0], f[1], f[2], race, f[5], f[6], f[7], f[8], f[9]));
            }
            return out;
        });
        PenalizedParameters p = PenalizedParameters.of("low ~ age + lwt + race + smoke + ptl + ht + ui + ftv", "binomial", 1,
                List.of(0.008)).withLevels(Map.of("race", List.of("white", "black", "other")));
        PenalizedResult factor = fit(text, p, null);
        assertEquals(List.of("(Intercept)", "age", "lwt", "raceblack", "raceother", "smoke", "ptl", "ht", "ui", "ftv"),
                factor.terms());
        PenalizedResult reference = fit(ReferenceCase.load("lasso-logistic-birthwt").siteFiles(),
                PenalizedParameters.of(PenalizedReferenceTest.FORMULA, "binomial", 1, List.of(0.008)), null);
        assertArrayEquals(reference.estimate(0), factor.estimate(0), 1e-12);
    }
}
