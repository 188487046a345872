package org.medfed.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;

/** Two sites' schemas merge into the levels R finds in the pooled complete rows. */
class HarmonizeTest {

    @Test
    void unionSortedAsRSortsThePooledData() {
        Formula f = Formula.parse("y ~ race + factor(dose) + age");
        Table a = new Table("a", "a.csv", true, 3, List.of(new NumericColumn("y", new double[] {1, 2, 3}),
                ModelFrameTest.text("race", "white", "other", "Black"),
                new NumericColumn("dose", new double[] {10, 4, 1e5}),
                new NumericColumn("age", new double[] {30, 40, Double.NaN})));
        Table b = new Table("b", "b.csv", true, 3, List.of(new NumericColumn("y", new double[] {1, 2, 3}),
                ModelFrameTest.text("race", "asian", "white", "zulu"),
                ModelFrameTest.text("dose", "6", "4", "6"),
                ModelFrameTest.text("age", "50", null, "60")));
        SiteSchema sa = SiteSchema.probe(a, f, null, null);
        SiteSchema sb = SiteSchema.probe(b, f, null, null);
        // Row 3 of site a is incomplete (age NA), so 'Black' and 1e+05 are not present there.
        assertEquals(List.of("other", "white"), sa.levelsPresent().get("race"));
        assertEquals(List.of("4", "10"), sa.levelsPresent().get("factor(dose)"));
        assertEquals(List.of("asian", "zulu"), sb.levelsPresent().get("race"));

        Set<String> numeric = FactorLevels.numericVariables(List.of(sa, sb));
        assertEquals(Set.of("y", "dose", "age"), numeric);
        FactorLevels lv = FactorLevels.harmonize(f, List.of(sa, sb));
        assertEquals(Map.of("race", List.of("asian", "other", "white", "zulu"),
                "factor(dose)", List.of("4", "6", "10")), lv.levels());
        assertEquals(List.of("(Intercept)", "raceother", "racewhite", "racezulu", "factor(dose)6", "factor(dose)10", "age"),
                DesignLayout.of(f, lv, numeric).columnNames());

        Design db = ModelFrame.build(b, f, DesignLayout.of(f, lv, numeric), lv, numeric, null, null);
        assertEquals(2, db.rowsUsed());
        assertEquals(List.of(50.0, 60.0), List.of(db.x()[6][0], db.x()[6][1]));
        assertEquals(List.of(1.0, 1.0), List.of(db.x()[4][0], db.x()[4][1]));
    }
}
