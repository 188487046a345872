package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medfed.simulator.GlmReferenceTest.assertRelative;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.error.DataException;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.methods.cox.CoxMethod;
import org.medfed.methods.cox.CoxParameters;
import org.medfed.methods.cox.CoxResult;

/**
 * Cox models on awkward input, answered as R's {@code coxph} answers or with a message that names
 * the problem: a stratum without events (contributes nothing, as in R), a covariate constant
 * within every stratum (NA coefficient and R's singularity warning), no events at all, an event
 * status outside 0/1, a formula without {@code Surv()}.
 */
class CoxInputTest {
    private static final ReferenceCase LUNG = ReferenceCase.load("cox-lung");
    private static final String FORMULA = "Surv(time, status) ~ age + sex + ph.ecog";

    @TempDir
    Path dir;

    /** The lung site files with one extra column computed per row from (site index, fields) — or null to drop the row. */
    private Map<String, Path> rewrite(String header, BiFunction<Integer, String[], String> line) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        Path into = Files.createTempDirectory(dir, "sites");
        int site = 0;
        for (Map.Entry<String, Path> e : LUNG.siteFiles().entrySet()) {
            List<String> in = Files.readAllLines(e.getValue());
            List<String> out = new ArrayList<>();
            out.add(header == null ? in.get(0) : in.get(0) + "," + header);
            for (int i = 1; i < in.size(); i++) {
                String l = line.apply(site, in.get(i).split(","));
                if (l != null) {
                    out.add(l);
                }
            }
            Path f = into.resolve(e.getKey() + ".csv");
            Files.write(f, out);
            files.put(e.getKey(), f);
            site++;
        }
        return files;
    }

    private static CoxResult fit(Map<String, Path> files, CoxParameters p) {
        return (CoxResult) Simulator.load(files).run(new CoxMethod(), p, null).result();
    }

    /**
     * Rows of an extra stratum that are all censored change nothing but n: R's partial
     * likelihood has no term for a stratum without events. Checked in both designs.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStratumWithoutEventsContributesNothing(boolean bySite) throws IOException {
        // group "quiet": every censored row older than 70; group "main": everything else.
        Map<String, Path> grouped = rewrite("grp", (s, f) -> String.join(",", f) + ","
                + (f[1].equals("0") && Integer.parseInt(f[2]) > 70 ? "quiet" : "main"));
        Map<String, Path> without = rewrite(null, (s, f) -> f[1].equals("0") && Integer.parseInt(f[2]) > 70 ? null
                : String.join(",", f));
        CoxParameters strat = CoxParameters.of(FORMULA + " + strata(grp)", "efron").stratifiedBySite(bySite);
        CoxResult withQuiet = fit(grouped, strat);
        CoxResult reference = fit(without, CoxParameters.of(FORMULA, "efron").stratifiedBySite(bySite));
        assertTrue(withQuiet.n() > reference.n(), "the quiet stratum's rows are counted");
        assertEquals(reference.nevent(), withQuiet.nevent());
        for (int i = 0; i < 3; i++) {
            assertRelative(reference.coefficients().get(i).estimate(), withQuiet.coefficients().get(i).estimate(), 1e-10,
                    "estimate " + i);
            assertRelative(reference.coefficients().get(i).stdError(), withQuiet.coefficients().get(i).stdError(), 1e-10,
                    "std error " + i);
        }
        assertRelative(reference.loglikFinal(), withQuiet.loglikFinal(), 1e-12, "loglik");
    }

    /**
     * A covariate constant within every stratum (here: a number per site, stratified by site) has
     * no information: R reports its coefficient as NA with "X matrix deemed to be singular;
     * variable 4" and fits the others as if it were absent.
     */
    @Test
    void aCovariateConstantWithinEveryStratumIsNa() throws IOException {
        Map<String, Path> files = rewrite("sitecode", (s, f) -> String.join(",", f) + "," + (s * 7 + 3));
        CoxResult r = fit(files, CoxParameters.of(FORMULA + " + sitecode", "efron").stratifiedBySite(true));
        CoxResult without = fit(LUNG.siteFiles(), CoxParameters.of(FORMULA, "efron").stratifiedBySite(true));
        assertTrue(r.coefficient("sitecode").aliased(), "sitecode is NA");
        assertTrue(r.warnings().contains("X matrix deemed to be singular; variable 4"), r.warnings().toString());
        assertEquals(3, r.likelihoodRatio().df());
        for (int i = 0; i < 3; i++) {
            assertRelative(without.coefficients().get(i).estimate(), r.coefficients().get(i).estimate(), 1e-9, "estimate " + i);
        }
        assertTrue(r.toText().contains("sitecode") && r.toText().contains("NA"));
        assertTrue(r.toJson().path("coefficients").get(3).path("estimate").isNull());
    }

    /**
     * A covariate that is also the stratum (sex with strata(sex)), on a filtered subset, pooled
     * baseline: R 4.2.2 / survival 3.5.3, {@code coxph(Surv(time, status) ~ age + sex + ph.ecog +
     * strata(sex), data = subset(d, age > 50))} on the pooled rows: sexfemale NA, 3 iterations.
     */
    @Test
    void aCovariateThatIsTheStratumIsNaAsInR() {
        CoxParameters p = CoxParameters.of(FORMULA + " + strata(sex)", "efron")
                .withLevels(Map.of("sex", List.of("male", "female")));
        CoxResult r = (CoxResult) Simulator.load(LUNG.siteFiles()).run(new CoxMethod(), p, "age > 50").result();
        assertEquals(201, r.n());
        assertEquals(3, r.iterations());
        assertTrue(r.coefficient("sexfemale").aliased());
        assertRelative(0.0050213521634931745, r.coefficient("age").estimate(), 1e-6, "age");
        assertRelative(0.012523168723345822, r.coefficient("age").stdError(), 1e-6, "age se");
        assertRelative(0.47800475208408405, r.coefficient("ph.ecog").estimate(), 1e-6, "ph.ecog");
        assertRelative(0.12122408624978864, r.coefficient("ph.ecog").stdError(), 1e-6, "ph.ecog se");
        assertRelative(-557.55224046759474, r.loglikNull(), 1e-9, "null loglik");
        assertRelative(-549.01839486327526, r.loglikFinal(), 1e-9, "final loglik");
        assertEquals(2, r.likelihoodRatio().df());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void noEventsAtAllIsRefusedWithAMessage(boolean bySite) throws IOException {
        Map<String, Path> files = rewrite(null, (s, f) -> {
            f[1] = "0";
            return String.join(",", f);
        });
        MedfedException e = assertThrows(MedfedException.class,
                () -> fit(files, CoxParameters.of(FORMULA, "efron").stratifiedBySite(bySite)));
        assertTrue(e.getMessage().contains("no events"), e.getMessage());
    }

    @Test
    void aStatusOutsideZeroOneNamesTheRow() throws IOException {
        Map<String, Path> files = rewrite(null, (s, f) -> {
            if (s == 1 && f[1].equals("1")) {
                f[1] = "2";
            }
            return String.join(",", f);
        });
        DataException e = assertThrows(DataException.class, () -> fit(files, CoxParameters.of(FORMULA, "breslow")));
        assertTrue(e.getMessage().contains("site2") && e.getMessage().contains("column status")
                && e.getMessage().contains("status 2 is not 0/1 or TRUE/FALSE"), e.getMessage());
    }

    /** The same reader as km: a negative time is refused, naming the site and column, in either design. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aNegativeTimeNamesTheRow(boolean bySite) throws IOException {
        Map<String, Path> files = rewrite(null, (s, f) -> {
            if (s == 2 && f[0].equals("166")) {
                f[0] = "-166";
            }
            return String.join(",", f);
        });
        DataException e = assertThrows(DataException.class,
                () -> fit(files, CoxParameters.of(FORMULA, "efron").stratifiedBySite(bySite)));
        assertTrue(e.getMessage().contains("site3") && e.getMessage().contains("column time")
                && e.getMessage().contains("survival time -166 is not allowed"), e.getMessage());
    }

    /** A logical status (TRUE/FALSE, as R writes one) is read as 1/0: the fit is the 0/1 fit. */
    @Test
    void aLogicalStatusIsReadAsZeroOne() throws IOException {
        Map<String, Path> files = rewrite(null, (s, f) -> {
            f[1] = f[1].equals("1") ? "TRUE" : "FALSE";
            return String.join(",", f);
        });
        CoxResult logical = fit(files, CoxParameters.of(FORMULA, "efron"));
        CoxResult numeric = fit(LUNG.siteFiles(), CoxParameters.of(FORMULA, "efron"));
        assertEquals(numeric.nevent(), logical.nevent());
        for (int i = 0; i < 3; i++) {
            assertEquals(numeric.coefficients().get(i).estimate(), logical.coefficients().get(i).estimate(), "estimate " + i);
        }
    }

    /**
     * A time column read as text at one site (one cell holds a unit) with the unit's row filtered
     * out and another cell "NaN": as.numeric gives NA, so R drops that row, and so does the design
     * (the time reader and the covariate design must keep the same rows).
     */
    @Test
    void aTextTimeThatReadsAsNaDropsItsRowFromTheDesignToo() throws IOException {
        Map<String, Path> files = rewrite(null, (s, f) -> {
            if (s == 0 && f[0].equals("306")) {
                f[0] = "NaN";
            } else if (s == 0 && f[0].equals("1010")) {
                f[0] = "1010 days";
                f[2] = "150";
            }
            return String.join(",", f);
        });
        Map<String, Path> without = rewrite(null, (s, f) -> s == 0 && (f[0].equals("306") || f[0].equals("1010"))
                ? null : String.join(",", f));
        CoxResult r = (CoxResult) Simulator.load(files).run(new CoxMethod(), CoxParameters.of(FORMULA, "efron"),
                "age < 100").result();
        CoxResult reference = fit(without, CoxParameters.of(FORMULA, "efron"));
        assertEquals(reference.n(), r.n());
        assertEquals(reference.nevent(), r.nevent());
        for (int i = 0; i < 3; i++) {
            assertEquals(reference.coefficients().get(i).estimate(), r.coefficients().get(i).estimate(), 1e-12, "estimate " + i);
        }
    }

    @Test
    void aFormulaWithoutSurvIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> CoxParameters.of("time ~ age", "efron"));
        assertTrue(e.getMessage().contains("Surv(time, status)"), e.getMessage());
        UsageException ties = assertThrows(UsageException.class, () -> CoxParameters.of(FORMULA, "exact"));
        assertTrue(ties.getMessage().contains("efron or breslow"), ties.getMessage());
    }

    /** Missing values in time, status or a covariate drop the row (R's na.omit), and are reported per site. */
    @Test
    void missingValuesDropRows() throws IOException {
        Map<String, Path> files = rewrite(null, (s, f) -> {
            if (s == 0 && f[2].equals("74")) {
                f[0] = "NA";
            }
            return String.join(",", f);
        });
        CoxResult r = fit(files, CoxParameters.of(FORMULA, "efron"));
        assertTrue(r.droppedBySite().get("site1") > 0);
        assertEquals(227 - r.droppedBySite().get("site1"), r.n());
    }
}
