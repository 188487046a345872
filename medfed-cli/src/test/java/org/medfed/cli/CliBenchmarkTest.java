package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark command's loopback comparison and its svm online-update count run end to end on a
 * tiny consortium (no timing, and no round count, is checked).
 */
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

    @Test
    void svmOnlineRefitsEachWayRoundColdAndWarmToTheSameOptimum() {
        CliRun run = CliRun.of("benchmark", "svm-online", "--rows", "150", "--features", "3", "--costs", "1,0.1",
                "--changes", "3", "--trials", "2", "--anderson", "3", "--dir", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("3 sites x 50 rows, 3 features"), run.out());
        assertTrue(run.out().contains("anderson 3;"), run.out());
        Pattern refit = Pattern.compile("C=(\\S+), 3 rows (added|removed), trial (\\d): +previous +(\\d+) rounds; refit cold +(\\d+), "
                + "warm +(\\d+) \\(([0-9.]+)\\) +objectives (\\S+), (\\S+)\n");
        Matcher m = refit.matcher(run.out());
        int cases = 0;
        int fewer = 0;
        int equal = 0;
        while (m.find()) {
            cases++;
            int cold = Integer.parseInt(m.group(5));
            int warm = Integer.parseInt(m.group(6));
            fewer += warm < cold ? 1 : 0;
            equal += warm == cold ? 1 : 0;
            // cold and warm are fits of the same rows: the same optimum, whichever start
            double a = Double.parseDouble(m.group(8));
            double b = Double.parseDouble(m.group(9));
            assertEquals(a, b, 1e-6 * a, m.group());
        }
        assertEquals(8, cases, run.out());
        assertTrue(run.out().contains(String.format("summary: 8 refits; warm took fewer rounds than cold in %d, as many in %d, "
                + "more in %d", fewer, equal, 8 - fewer - equal)), run.out());
        assertTrue(run.out().contains("cold and warm objectives agree within"), run.out());
    }

    @Test
    void svmOnlineRefusesMoreChangedRowsThanTheSiteHas() {
        CliRun run = CliRun.of("benchmark", "svm-online", "--rows", "150", "--features", "3", "--changes", "50",
                "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("--changes 50 must be between 1 and 49 (site 2 has 50 rows)"), run.err());
        run = CliRun.of("benchmark", "svm", "--dir", dir.toString());
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("METHOD must be glm or svm-online, not 'svm'"), run.err());
    }
}
