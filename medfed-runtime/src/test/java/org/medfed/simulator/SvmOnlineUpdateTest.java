package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.methods.svm.SvmParameters;
import org.medfed.methods.svm.SvmResult;

/**
 * Online updates: a small block of rows (3 or 5 of 143) is added to, or removed from, one site, and
 * the model (C = 1) is refitted once from zero and once warm-started from the previous fit. Both
 * reach the same optimum (objectives within the reference tolerance of each other), and the warm
 * start takes fewer ADMM rounds than the cold one. (The saving is what a start near the optimum
 * buys in ADMM's linear tail; for larger changes it shrinks and can vanish: see the README.)
 */
class SvmOnlineUpdateTest {
    @TempDir
    Path dir;

    /** The training files with the last {@code block} rows of site2 left out. */
    private Map<String, Path> without(Map<String, Path> files, int block) throws IOException {
        Map<String, Path> out = new LinkedHashMap<>(files);
        List<String> lines = Files.readAllLines(files.get("site2"));
        Path smaller = dir.resolve("site2-smaller.csv");
        Files.write(smaller, lines.subList(0, lines.size() - block));
        out.put("site2", smaller);
        return out;
    }

    private static void assertWarmBeatsCold(SvmResult previous, Map<String, Path> files, SvmParameters p, String what) {
        SvmResult cold = SvmReferenceTest.fit(files, p);
        SvmResult warm = SvmReferenceTest.fit(files, p.withWarmStart(previous.warmStart("previous.json")));
        assertTrue(cold.converged() && warm.converged());
        assertEquals(cold.n(), warm.n());
        assertEquals(cold.objective(), warm.objective(), SvmReferenceTest.OBJECTIVE_RELATIVE * cold.objective(), what);
        System.out.printf("svm online update (%s, C=%s, standardize=%s): previous fit %d rounds; refit cold %d rounds, "
                + "warm %d rounds%n", what, p.cost(), p.standardize(), previous.iterations(), cold.iterations(), warm.iterations());
        assertTrue(warm.iterations() < cold.iterations(), what + ": warm " + warm.iterations() + " rounds, cold "
                + cold.iterations());
        assertEquals("warm", warm.toJson().path("start").path("from").asText());
        assertEquals("cold", cold.toJson().path("start").path("from").asText());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void addingRowsWarmStartsInFewerRounds(int block) throws IOException {
        Map<String, Path> full = SvmReferenceTest.split(dir).files();
        SvmParameters p = SvmReferenceTest.parameters(1);
        SvmResult before = SvmReferenceTest.fit(without(full, block), p);
        assertWarmBeatsCold(before, full, p, block + " rows added at site2");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void removingRowsWarmStartsInFewerRounds(int block) throws IOException {
        Map<String, Path> full = SvmReferenceTest.split(dir).files();
        SvmParameters p = SvmReferenceTest.parameters(1);
        SvmResult before = SvmReferenceTest.fit(full, p);
        assertWarmBeatsCold(before, without(full, block), p, block + " rows removed at site2");
    }
}
