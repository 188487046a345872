package org.medfed.formula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.DataException;

/** Design values against R 4.2.2's model.frame / model.matrix on the same data. */
class ModelFrameTest {
    private static final double NA = Double.NaN;

    static TextColumn text(String name, String... values) {
        Map<String, Integer> dict = new LinkedHashMap<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = values[i] == null ? -1 : dict.computeIfAbsent(values[i], k -> dict.size());
        }
        return new TextColumn(name, codes, dict.keySet().toArray(new String[0]));
    }

    static Table table(Column... columns) {
        return new Table("a", "a.csv", true, columns[0].size(), List.of(columns));
    }

    // R: d <- data.frame(y=c(1.5,2,NA,3,4.25,5,6), x=c(1,2,3,4,NA,0.5,2),
    //   f=c("b","a","c","a","b",NA,"c"), cyl=c(4,6,8,6,4,4,8), h=c(10,20,30,40,50,60,70))
    static Table sample() {
        return table(new NumericColumn("y", new double[] {1.5, 2, NA, 3, 4.25, 5, 6}),
                new NumericColumn("x", new double[] {1, 2, 3, 4, NA, 0.5, 2}),
                text("f", "b", "a", "c", "a", "b", null, "c"),
                new NumericColumn("cyl", new double[] {4, 6, 8, 6, 4, 4, 8}),
                new NumericColumn("h", new double[] {10, 20, 30, 40, 50, 60, 70}));
    }

    static final Formula FULL = Formula.parse("y ~ x*f + I(x^2) + log(x) + factor(cyl) + offset(log(h))");

    @Test
    void probeThenBuildMatchesModelMatrix() {
        Table t = sample();
        SiteSchema s = SiteSchema.probe(t, FULL, null, null);
        assertEquals(Map.of("y", VariableKind.NUMERIC, "x", VariableKind.NUMERIC, "f", VariableKind.TEXT,
                "cyl", VariableKind.NUMERIC, "h", VariableKind.NUMERIC), s.kinds());
        assertEquals(Map.of("f", List.of("a", "b", "c"), "factor(cyl)", List.of("4", "6", "8")), s.levelsPresent());
        assertEquals(4, s.completeRows());

        FactorLevels levels = FactorLevels.harmonize(FULL, List.of(s));
        Set<String> numeric = FactorLevels.numericVariables(List.of(s));
        DesignLayout layout = DesignLayout.of(FULL, levels, numeric);
        Design d = ModelFrame.build(t, FULL, layout, levels, numeric, null, null);

        assertEquals(List.of("(Intercept)", "x", "fb", "fc", "I(x^2)", "log(x)", "factor(cyl)6", "factor(cyl)8",
                "x:fb", "x:fc"), d.columnNames());
        assertEquals(4, d.rowsUsed());
        assertEquals(3, d.rowsDropped());
        assertArrayEquals(new int[] {0, 1, 3, 6}, d.sourceRows());
        double[][] r = {
            {1, 1, 1, 0, 1, 0.0, 0, 0, 1, 0},
            {1, 2, 0, 0, 4, Math.log(2), 1, 0, 0, 0},
            {1, 4, 0, 0, 16, Math.log(4), 1, 0, 0, 0},
            {1, 2, 0, 1, 4, Math.log(2), 0, 1, 0, 2},
        };
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 10; j++) {
                assertEquals(r[i][j], d.x()[j][i], 1e-15, "row " + i + " column " + d.columnNames().get(j));
            }
        }
        assertArrayEquals(new double[] {1.5, 2, 3, 6}, d.y());
        assertArrayEquals(new double[] {Math.log(10), Math.log(20), Math.log(40), Math.log(70)}, d.offset());
        assertNull(d.weights());
    }

    @Test
    void keepAndWeightsDropRowsLikeSubsetAndNaOmit() {
        Table t = table(new NumericColumn("y", new double[] {1, 2, 3, 4, 5}),
                new NumericColumn("x", new double[] {1, NA, 3, 4, 5}),
                new NumericColumn("w", new double[] {1, 1, NA, 2, 3}));
        Formula f = Formula.parse("y ~ x");
        boolean[] keep = {true, true, true, false, true};
        DesignLayout l = DesignLayout.of(f, new FactorLevels(Map.of()), Set.of("y", "x", "w"));
        Design d = ModelFrame.build(t, f, l, new FactorLevels(Map.of()), Set.of("y", "x", "w"), "w", keep);
        assertArrayEquals(new int[] {0, 4}, d.sourceRows());
        assertEquals(2, d.rowsUsed());
        assertEquals(2, d.rowsDropped());
        assertArrayEquals(new double[] {1, 3}, d.weights());
        assertEquals(2, SiteSchema.probe(t, f, "w", keep).completeRows());
    }

    @Test
    void nanFromTransformDropsRowAsInR() {
        // R: log(-1) is NaN, and na.omit drops the row (with a warning).
        Table t = table(new NumericColumn("y", new double[] {1, 2, 3}), new NumericColumn("x", new double[] {1, -1, 2}));
        Formula f = Formula.parse("y ~ log(x)");
        DesignLayout l = DesignLayout.of(f, new FactorLevels(Map.of()), Set.of("y", "x"));
        Design d = ModelFrame.build(t, f, l, new FactorLevels(Map.of()), Set.of("y", "x"), null, null);
        assertEquals(1, d.rowsDropped());
        assertArrayEquals(new double[] {0, Math.log(2)}, d.x()[1]);
    }

    @Test
    void infiniteTransformIsAnErrorAtTheLine() {
        Table t = table(new NumericColumn("y", new double[] {1, 2, 3}), new NumericColumn("x", new double[] {1, 0, 2}));
        Formula f = Formula.parse("y ~ log(x)");
        DesignLayout l = DesignLayout.of(f, new FactorLevels(Map.of()), Set.of("y", "x"));
        DataException e = assertThrows(DataException.class,
                () -> ModelFrame.build(t, f, l, new FactorLevels(Map.of()), Set.of("y", "x"), null, null));
        assertEquals("site a, file a.csv, line 3, column x: log(x) is -Inf (x = 0)", e.getMessage());
    }

    @Test
    void textWhereNumberExpectedNamesTheLine() {
        Table t = table(new NumericColumn("y", new double[] {1, 2, 3, 4}), text("x", "1", "2.5", null, "abc"));
        Formula f = Formula.parse("y ~ x");
        SiteSchema s = SiteSchema.probe(t, f, null, null);
        assertEquals(VariableKind.TEXT, s.kinds().get("x"));
        DesignLayout l = DesignLayout.of(f, new FactorLevels(Map.of()), Set.of("y", "x"));
        DataException e = assertThrows(DataException.class,
                () -> ModelFrame.build(t, f, l, new FactorLevels(Map.of()), Set.of("y", "x"), null, null));
        assertEquals("site a, file a.csv, line 5, column x: 'abc' is not a number (column is numeric at other sites)",
                e.getMessage());
        // Without the bad row it parses.
        Design d = ModelFrame.build(t, f, l, new FactorLevels(Map.of()), Set.of("y", "x"), null,
                new boolean[] {true, true, true, false});
        assertArrayEquals(new double[] {1, 2.5}, d.x()[1]);
        assertEquals(1, d.rowsDropped());
    }

    @Test
    void unknownLevelIsAnError() {
        Table t = table(new NumericColumn("y", new double[] {1, 2, 3}), text("f", "a", "b", "zz"));
        Formula f = Formula.parse("y ~ f");
        FactorLevels lv = new FactorLevels(Map.of("f", List.of("a", "b")));
        DesignLayout l = DesignLayout.of(f, lv, Set.of("y"));
        DataException e = assertThrows(DataException.class, () -> ModelFrame.build(t, f, l, lv, Set.of("y"), null, null));
        assertEquals("site a, file a.csv, line 4, column f: 'zz' is not one of the levels of f agreed across sites (a, b)",
                e.getMessage());
    }

    @Test
    void textResponseIsAnError() {
        Table t = table(text("y", "yes", "no"), new NumericColumn("x", new double[] {1, 2}));
        Formula f = Formula.parse("y ~ x");
        DesignLayout l = DesignLayout.of(f, new FactorLevels(Map.of()), Set.of("x"));
        DataException e = assertThrows(DataException.class,
                () -> ModelFrame.build(t, f, l, new FactorLevels(Map.of()), Set.of("x"), null, null));
        assertTrue(e.getMessage().contains("response must be numeric"), e.getMessage());
    }

    @Test
    void missingColumnNamesSiteAndFile() {
        DataException e = assertThrows(DataException.class,
                () -> SiteSchema.probe(sample(), Formula.parse("y ~ nope"), null, null));
        assertTrue(e.getMessage().startsWith("site a, file a.csv, column nope: no such column"), e.getMessage());
    }

    @Test
    void noInterceptFullDummiesAndInteractionValues() {
        // R: model.matrix(~ f:x - 1 + g, data.frame(f=c("A","B","A","C"), g=c("u","v","v","u"), x=1:4))
        //   columns gu gv fA:x fB:x fC:x  (g comes first: main effects before interactions)
        Table t = table(text("f", "A", "B", "A", "C"), text("g", "u", "v", "v", "u"),
                new NumericColumn("x", new double[] {1, 2, 3, 4}));
        Formula f = Formula.parse("~ f:x - 1 + g");
        FactorLevels lv = new FactorLevels(Map.of("f", List.of("A", "B", "C"), "g", List.of("u", "v")));
        DesignLayout l = DesignLayout.of(f, lv, Set.of("x"));
        Design d = ModelFrame.build(t, f, l, lv, Set.of("x"), null, null);
        assertEquals(List.of("gu", "gv", "fA:x", "fB:x", "fC:x"), d.columnNames());
        assertArrayEquals(new double[] {1, 0, 0, 1}, d.x()[0]);
        assertArrayEquals(new double[] {0, 1, 1, 0}, d.x()[1]);
        assertArrayEquals(new double[] {1, 0, 3, 0}, d.x()[2]);
        assertArrayEquals(new double[] {0, 2, 0, 0}, d.x()[3]);
        assertArrayEquals(new double[] {0, 0, 0, 4}, d.x()[4]);
        assertNull(d.y());
    }

    @Test
    void largeNumericDesignIsColumnMajorAndExact() {
        // Performance is measured by `medfed benchmark`, not here; this checks the large-n path.
        int n = 200_000;
        List<Column> cols = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(1);
        StringBuilder rhs = new StringBuilder();
        Set<String> numeric = new java.util.HashSet<>();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble();
        }
        cols.add(new NumericColumn("y", y));
        numeric.add("y");
        List<double[]> xs = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextGaussian();
            }
            xs.add(v);
            cols.add(new NumericColumn("x" + c, v));
            numeric.add("x" + c);
            rhs.append(c == 0 ? "" : " + ").append("x").append(c);
        }
        Table t = new Table("a", "a.csv", true, n, cols);
        Formula f = Formula.parse("y ~ " + rhs);
        DesignLayout l = DesignLayout.of(f, new FactorLevels(Map.of()), numeric);
        Design d = ModelFrame.build(t, f, l, new FactorLevels(Map.of()), numeric, null, null);
        assertEquals(21, d.x().length);
        assertEquals(n, d.rowsUsed());
        for (int i = 0; i < n; i++) {
            assertEquals(1.0, d.x()[0][i]);
        }
        for (int c = 0; c < 20; c++) {
            assertArrayEquals(xs.get(c), d.x()[c + 1]);
        }
        assertArrayEquals(y, d.y());
    }
}
