package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark command's loopback comparison runs end to end on a tiny consortium (no timing is checked). */
class CliBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void compareAggregationAlternatesASecureAndAPlainConsortium() {
        CliRun run = CliRun.of("benchmark", "glm", "--rows", "600", "--features", "3", "--sites", "3",
                "--dir", dir.toString(), "--repeat", "2", "--loopback", "--compare-aggregation");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("secure aggregation on"), run.out());
        assertTrue(run.out().contains("secure aggregation off (sums in clear)"), run.out());
        assertTrue(run.out().contains("job 2 plain "), run.out());
        assertTrue(run.out().contains("job 2 secure"), run.out());
        // the summary names both kinds of round and gives a number for each side
        for (String row : new String[] {"first iterate round (unmasking step)", "later rounds (masking only)"}) {
            Matcher m = Pattern.compile(Pattern.quote(row) + " +([0-9.]+) ms +([0-9.]+) ms").matcher(run.out());
            assertTrue(m.find(), row + " missing in\n" + run.out());
            assertTrue(Double.parseDouble(m.group(1)) > 0 && Double.parseDouble(m.group(2)) > 0, run.out());
        }
        assertTrue(run.out().contains("key set-up"), run.out());
    }

    @Test
    void compareAggregationNeedsLoopbackAndBothKinds() {
        CliRun run = CliRun.of("benchmark", "glm", "--rows", "600", "--features", "3", "--sites", "3",
                "--dir", dir.toString(), "--compare-aggregation");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("--compare-aggregation needs --loopback"), run.err());
        run = CliRun.of("benchmark", "glm", "--rows", "600", "--features", "3", "--sites", "3",
                "--dir", dir.toString(), "--loopback", "--plain-aggregation", "--compare-aggregation");
        assertEquals(2, run.exitCode(), run.out() + run.err());
    }
}
