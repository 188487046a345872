package org.medfed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets one clear message naming the site, file, line and column, exit code 1
 * (usage errors 2), and never a stack trace.
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    private static final String GOOD_A = "y,x,g\n0,1.5,u\n1,2.5,v\n0,0.5,u\n1,3.0,v\n1,2.0,u\n0,1.0,v\n";
    private static final String GOOD_B = "y,x,g\n1,2.2,v\n0,0.7,u\n1,3.1,u\n0,1.1,v\n0,1.9,u\n1,2.9,v\n";

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private CliRun glm(String formula, String family, String a, String b) throws IOException {
        return CliRun.of("simulate", "glm", "--formula", formula, "--family", family,
                "--site", "a=" + write("a.csv", a), "--site", "b=" + write("b.csv", b));
    }

    private static void assertUserError(CliRun run, int code, String... fragments) {
        assertEquals(code, run.exitCode(), "exit code; stderr was: " + run.err());
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "stderr should mention '" + f + "': " + run.err());
        }
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(run.err().contains("Exception"), "no exception class names: " + run.err());
    }

    @Test
    void goodInputFits() throws IOException {
        CliRun run = glm("y ~ x", "binomial", GOOD_A, GOOD_B);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(Intercept)"), run.out());
    }

    @Test
    void malformedCsvNamesSiteFileAndLine() throws IOException {
        CliRun run = glm("y ~ x", "binomial", GOOD_A, "y,x,g\n1,2.2,v\n0,0.7,u,extra\n1,3.1,u\n");
        assertUserError(run, 1, "site b", "b.csv", "line 3");
    }

    @Test
    void columnMissingAtOneSite() throws IOException {
        CliRun run = glm("y ~ x + z", "binomial", "y,x,g,z\n0,1,u,1\n1,2,v,2\n0,3,u,3\n", GOOD_B);
        assertUserError(run, 1, "site b", "b.csv", "column z");
    }

    @Test
    void numericColumnWithTextNamesTheCell() throws IOException {
        CliRun run = glm("y ~ x", "binomial", GOOD_A, "y,x,g\n1,2.2,v\n0,0.7,u\n1,abc,u\n0,1.1,v\n");
        assertUserError(run, 1, "site b", "line 4", "column x", "abc");
    }

    @Test
    void binomialOutcomeOutsideZeroOne() throws IOException {
        CliRun run = glm("y ~ x", "binomial", "y,x,g\n0,1.5,u\n2,2.5,v\n0,0.5,u\n", GOOD_B);
        assertUserError(run, 1, "site a", "line 3", "column y", "0 or 1");
    }

    @Test
    void negativeCountsForPoisson() throws IOException {
        CliRun run = glm("y ~ x", "poisson", GOOD_A, "y,x,g\n1,2.2,v\n-3,0.7,u\n1,3.1,u\n");
        assertUserError(run, 1, "site b", "line 3", "column y", "negative");
    }

    @Test
    void siteWithNoUsableRowsAfterMissingValues() throws IOException {
        CliRun run = glm("y ~ x", "binomial", GOOD_A, "y,x,g\n1,NA,v\nNA,0.7,u\n0,,u\n");
        assertUserError(run, 1, "site b", "no usable rows", "all 3 rows have a missing value");
    }

    @Test
    void siteWhereTheFilterKeepsNoRow() throws IOException {
        CliRun run = CliRun.of("simulate", "glm", "--formula", "y ~ x", "--family", "binomial",
                "--site", "a=" + write("a.csv", GOOD_A), "--site", "b=" + write("b.csv", GOOD_B), "--where", "x > 3.05");
        assertUserError(run, 1, "site a", "no row passes the row filter");
    }

    @Test
    void moreParametersThanRows() throws IOException {
        CliRun run = glm("y ~ x + g + I(x^2) + I(x^3)", "gaussian", "y,x,g\n0,1.5,u\n1,2.5,v\n", "y,x,g\n1,2.2,v\n");
        assertUserError(run, 1, "more parameters (5) than rows (3)");
    }

    @Test
    void unknownFormulaSyntaxIsAUsageError() throws IOException {
        CliRun run = glm("y ~ x $ g", "binomial", GOOD_A, GOOD_B);
        assertUserError(run, 2, "formula");
    }

    @Test
    void badSiteOptionIsAUsageError() {
        CliRun run = CliRun.of("simulate", "glm", "--formula", "y ~ x", "--site", "nonsense");
        assertUserError(run, 2, "NAME=PATH");
    }

    @Test
    void unknownFamilyIsAUsageError() throws IOException {
        CliRun run = glm("y ~ x", "gamma-ray", GOOD_A, GOOD_B);
        assertUserError(run, 2, "unknown family");
    }

    @Test
    void missingFileNamesSiteAndFile() throws IOException {
        CliRun run = CliRun.of("simulate", "glm", "--formula", "y ~ x", "--family", "binomial",
                "--site", "a=" + write("a.csv", GOOD_A), "--site", "b=" + dir.resolve("nope.csv"));
        assertUserError(run, 1, "site b", "nope.csv");
    }

    @Test
    void whereFilterSyntaxErrorIsAUsageError() throws IOException {
        CliRun run = CliRun.of("simulate", "glm", "--formula", "y ~ x", "--family", "binomial",
                "--site", "a=" + write("a.csv", GOOD_A), "--site", "b=" + write("b.csv", GOOD_B),
                "--where", "read_csv('/etc/passwd') == 1");
        assertUserError(run, 2);
    }
}
