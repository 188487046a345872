package org.medfed.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.UsageException;

/** Survival formulas as coxph reads them: the Surv() response, strata() terms taken out, covariates named as R. */
class SurvivalFormulaTest {

    @Test
    void splitsResponseStrataAndCovariates() {
        SurvivalFormula f = SurvivalFormula.parse("Surv(time, status) ~ age + factor(g) + strata(site) + sex + strata(a, b)");
        assertEquals("time", f.timeColumn());
        assertEquals("status", f.statusColumn());
        assertEquals(List.of("site", "a", "b"), f.strataColumns());
        assertEquals(List.of("age", "factor(g)", "sex"), f.covariates().termLabels());
        assertTrue(f.covariates().hasIntercept());
        assertEquals(List.of("time", "status", "site", "a", "b", "age", "g", "sex"), f.variables());
        assertEquals("Surv(time, status) ~ age + factor(g) + strata(site) + sex + strata(a, b)", f.text());
    }

    /** coxph codes factors by contrasts even without an intercept: '- 1' does not turn sex into two indicators. */
    @Test
    void factorsGetTreatmentContrastsWithOrWithoutMinusOne() {
        for (String text : List.of("Surv(t, d) ~ age + sex", "Surv(t, d) ~ age + sex - 1", "Surv(t, d) ~ 0 + age + sex")) {
            SurvivalFormula f = SurvivalFormula.parse(text);
            DesignLayout layout = DesignLayout.of(f.covariates(), new FactorLevels(java.util.Map.of("sex",
                    List.of("male", "female"))), Set.of("age"));
            assertEquals(List.of("(Intercept)", "age", "sexfemale"), layout.columnNames(), text);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "time ~ age; needs the response Surv(time, status)",
        "Surv(time) ~ age; Surv() takes two column names",
        "Surv(time, status == 1) ~ age; unexpected '='",
        "Surv(time, status) ~ strata(site); has no covariates",
        "Surv(time, status) ~ age:strata(site); strata() can only be added as a term of its own",
        "Surv(time, status) ~ age + strata(log(x)); strata() takes column names",
        "Surv(time, status) ~ age + Surv(a, b); Surv() can only be the response",
        "Surv(time, status) ~ status + age; status is both in Surv() and a covariate"})
    void refusesWhatCoxphCannotFitWithAMessage(String text, String message) {
        UsageException e = assertThrows(UsageException.class, () -> SurvivalFormula.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void plainFormulasStillRefuseSurvAndStrata() {
        assertThrows(UsageException.class, () -> Formula.parse("y ~ strata(site)"));
        assertThrows(UsageException.class, () -> Formula.parse("Surv(t, d) ~ x"));
    }

    @Test
    void strataLabelsAreNamedAsR() {
        List<Column> columns = List.of(
                new NumericColumn("t", new double[] {1, 2, 3}),
                new NumericColumn("d", new double[] {1, 0, Double.NaN}),
                new TextColumn("site", new int[] {0, 1, -1}, new String[] {"a", "b"}),
                new NumericColumn("k", new double[] {1, 2.5, 3}),
                new NumericColumn("x", new double[] {0, 1, 2}));
        Table table = new Table("s", "f.csv", true, 3, columns);
        SurvivalFormula f = SurvivalFormula.parse("Surv(t, d) ~ x + strata(site, k)");
        String[] labels = f.strataLabels(table);
        assertEquals("site=a, k=1", labels[0]);
        assertEquals("site=b, k=2.5", labels[1]);
        assertEquals(null, labels[2]);
        boolean[] present = f.survivalRowsPresent(table, null);
        assertEquals(List.of(true, true, false), List.of(present[0], present[1], present[2]));
    }
}
