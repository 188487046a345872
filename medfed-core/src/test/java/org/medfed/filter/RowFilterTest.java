package org.medfed.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.DataException;
import org.medfed.error.UsageException;

class RowFilterTest {
    private static final double NA = Double.NaN;

    /** Rows: age 30 50 NA 70 40; sex F M F NA M; bmi 20 30 25 NA 40; sex2 F F M M NA; flag T F NA T F. */
    private static Table table() {
        return new Table("s1", "s1.csv", true, 5, List.of(
                new NumericColumn("age", new double[] {30, 50, NA, 70, 40}),
                new TextColumn("sex", new int[] {0, 1, 0, -1, 1}, new String[] {"F", "M"}),
                new NumericColumn("bmi", new double[] {20, 30, 25, NA, 40}),
                new TextColumn("sex2", new int[] {1, 1, 0, 0, -1}, new String[] {"M", "F"}),
                new TextColumn("flag", new int[] {0, 1, -1, 0, 1}, new String[] {"TRUE", "FALSE"})));
    }

    private static String kept(String where) {
        boolean[] keep = RowFilter.parse(where).evaluate(table());
        StringBuilder sb = new StringBuilder();
        for (boolean b : keep) {
            sb.append(b ? '1' : '0');
        }
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "age > 40;                          01010",
            "40 < age;                          01010",
            "age >= 40;                         01011",
            "age == 30;                         10000",
            "age != 30;                         01011",
            "age <= -1e3;                       00000",
            "age > -5.5;                        11011",
            "sex == 'F';                        10100",
            "\"M\" == sex;                      01001",
            "sex != \"F\";                      01001",
            "sex == 'nobody';                   00000",
            "age < bmi;                         00000",
            "bmi < age;                         11000",
            "sex == sex2;                       10000",
            "sex != sex2;                       01100",
            "is.na(age);                        00100",
            "!is.na(age);                       11011",
            "is.na(sex) | is.na(age);           00110",
            "age %in% c(30, 70);                10010",
            "sex %in% c('M');                   01001",
            "sex %in% c(\"F\", NA);             10110",
            "age %in% c(NA);                    00100",
            "!(age %in% c(30, 70));             01101",
            "age %in% 50;                       01000",
            "flag;                              10010",
            "!flag;                             01001",
            "flag == TRUE;                      10010",
            "TRUE;                              11111",
            "FALSE;                             00000",
            "age > 35 & sex == 'M';             01001",
            "age > 35 && sex == 'M';            01001",
            "age > 60 | sex == 'F';             10110",
            "age > 60 || sex == 'F';            10110",
            "age > 60 | sex == 'F' & age < 40;  10010",
            "(age > 60 | sex == 'F') & age < 40; 10000",
            "!age == 30;                        01011",
            "`age` > 45L;                       01010",
    })
    void keepsRowsLikeSubset(String where, String expected) {
        assertEquals(expected, kept(where.strip()), where);
    }

    @Test
    void naIsDroppedButThreeValuedLogicHolds() {
        // age is NA on row 3: NA & FALSE is FALSE, NA | TRUE is TRUE, NA & TRUE stays NA (dropped).
        assertEquals("00000", kept("age > 0 & FALSE"));
        assertEquals("11111", kept("age > 0 | TRUE"));
        assertEquals("11011", kept("age > 0 & TRUE"));
        assertEquals("00000", kept("!(age > 0) & TRUE"));
        // !NA is NA: the NA row is in neither a condition nor its negation.
        assertEquals("11011", kept("age > 0"));
        assertEquals("00000", kept("!(age > 0)"));
    }

    @Test
    void reportsColumnsAndText() {
        RowFilter f = RowFilter.parse("age > 3 & (sex == 'F' | is.na(bmi)) & age < 9");
        assertEquals(List.of("age", "sex", "bmi"), List.copyOf(f.columns()));
        assertEquals("age > 3 & (sex == 'F' | is.na(bmi)) & age < 9", f.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "read_csv('/etc/passwd') == 1",
            "system('rm -rf /')",
            "age > 1; DROP TABLE t",
            "age = 3",
            "age >",
            "(age > 3",
            "age > 3)",
            "",
            "a < b < c",
            "age == NA",
            "age %in% c(bmi)",
            "is.na(age + 1)",
            "'unterminated",
            "age > 3 4",
            "age @ 3",
    })
    void rejectsSyntax(String where) {
        UsageException e = assertThrows(UsageException.class, () -> RowFilter.parse(where));
        assertTrue(e.getMessage().startsWith("--where"), e.getMessage());
        assertEquals(2, e.exitCode());
    }

    @Test
    void syntaxErrorsPointAtTheFault() {
        UsageException e = assertThrows(UsageException.class, () -> RowFilter.parse("read_csv('/etc/passwd') == 1"));
        assertTrue(e.getMessage().contains("function calls are not allowed"), e.getMessage());
        assertTrue(e.getMessage().contains("position 1"), e.getMessage());
        UsageException gt = assertThrows(UsageException.class, () -> RowFilter.parse("age > "));
        assertTrue(gt.getMessage().contains("position 7") && gt.getMessage().contains("end of expression"), gt.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "sex == 1;          sex;     compared with the number 1",
            "age == 'old';      age;     compared with the text",
            "sex < 'M';         sex;     only be compared with == or !=",
            "age == sex;        age;     one is numeric, the other text",
            "sex %in% c(1, 2);  sex;     lists the number 1",
            "age;               age;     not a TRUE/FALSE column",
            "weight > 3;        weight;  no such column",
    })
    void typeMismatchesNameSiteAndColumn(String where, String column, String message) {
        RowFilter f = RowFilter.parse(where);
        DataException e = assertThrows(DataException.class, () -> f.evaluate(table()));
        assertEquals("s1", e.location().site());
        assertEquals(column, e.location().column());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void evaluatesAMillionRowsQuickly() {
        int n = 1_000_000;
        double[] x = new double[n];
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 100 == 0 ? NA : i % 90;
            codes[i] = i % 3 - 1;
        }
        Table t = new Table("s", "f.csv", true, n, List.of(new NumericColumn("x", x),
                new TextColumn("g", codes, new String[] {"a", "b"})));
        boolean[] keep = RowFilter.parse("x > 10 & g %in% c('a') | is.na(x)").evaluate(t);
        int count = 0;
        for (boolean b : keep) {
            count += b ? 1 : 0;
        }
        int expected = 0;
        for (int i = 0; i < n; i++) {
            boolean na = Double.isNaN(x[i]);
            expected += na || (x[i] > 10 && codes[i] == 0) ? 1 : 0;
        }
        assertEquals(expected, count);
        assertArrayEquals(new boolean[] {true}, new boolean[] {keep[0]});
    }
}
