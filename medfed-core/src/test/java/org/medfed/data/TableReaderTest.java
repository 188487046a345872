package org.medfed.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.DataException;

class TableReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static String text(Column c, int row) {
        return ((TextColumn) c).get(row);
    }

    @Test
    void readsNumbersTextAndMissingValuesInFileOrder() throws IOException {
        Path f = write("a.csv", "id,age,sex,smoker\n3,41.5,F,NA\n1,,M,1\n2,NA,,0\n10,1e3,F,1\n");
        Table t = TableReader.read("a", f);
        assertEquals(4, t.rowCount());
        assertEquals(java.util.List.of("id", "age", "sex", "smoker"), t.columnNames());
        assertArrayEquals(new double[] {3, 1, 2, 10}, ((NumericColumn) t.column("id")).values());
        NumericColumn age = (NumericColumn) t.column("age");
        assertEquals(41.5, age.get(0));
        assertTrue(age.isMissing(1));
        assertTrue(age.isMissing(2));
        assertEquals(1000.0, age.get(3));
        Column sex = t.column("sex");
        assertInstanceOf(TextColumn.class, sex);
        assertEquals("F", text(sex, 0));
        assertEquals("M", text(sex, 1));
        assertTrue(sex.isMissing(2));
        assertEquals(2, ((TextColumn) sex).dictionary().length);
        assertTrue(t.column("smoker").isMissing(0));
        assertTrue(t.locate(2, "age").describe().contains("line 4"));
    }

    @Test
    void datesAndBooleansStayText() throws IOException {
        Path f = write("d.csv", "when,flag,x\n2020-01-02,TRUE,1\n2021-03-04,FALSE,2\n");
        Table t = TableReader.read("a", f);
        assertEquals("2020-01-02", text(t.column("when"), 0));
        assertEquals("TRUE", text(t.column("flag"), 0));
        assertEquals("FALSE", text(t.column("flag"), 1));
    }

    @Test
    void largeFileKeepsRowOrder() throws IOException {
        StringBuilder sb = new StringBuilder("i,x\n");
        for (int i = 0; i < 300_000; i++) {
            sb.append(i).append(',').append(i % 7 == 0 ? "NA" : Integer.toString(i * 2)).append('\n');
        }
        Table t = TableReader.read("a", write("big.csv", sb.toString()));
        double[] id = ((NumericColumn) t.column("i")).values();
        for (int i = 0; i < id.length; i++) {
            assertEquals(i, id[i]);
        }
        assertEquals(300_000, t.rowCount());
        assertTrue(t.column("x").isMissing(7));
        assertEquals(16.0, ((NumericColumn) t.column("x")).get(8));
    }

    @Test
    void oneBadCellFarDownMakesTheColumnText() throws IOException {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append(',').append(i * 0.5).append('\n');
        }
        sb.append("oops,1\n");
        Table t = TableReader.read("a", write("late.csv", sb.toString()));
        TextColumn x = assertInstanceOf(TextColumn.class, t.column("x"));
        assertEquals("0", x.get(0));
        assertEquals("oops", x.get(50_000));
        assertInstanceOf(NumericColumn.class, t.column("y"));
    }

    @Test
    void columnEmptyInTheSniffingSampleIsStillNumeric() throws IOException {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 30_000; i++) {
            sb.append(i).append(',').append(i < 25_000 ? "NA" : Integer.toString(i)).append('\n');
        }
        Table t = TableReader.read("a", write("sparse.csv", sb.toString()));
        assertInstanceOf(NumericColumn.class, t.column("y"));
        assertEquals(29_999.0, ((NumericColumn) t.column("y")).get(29_999));
    }

    @Test
    void readsTsvAndGzip() throws IOException {
        Table tsv = TableReader.read("a", write("t.tsv", "a\tb\n1\tx y\n2\tz\n"));
        assertEquals("x y", text(tsv.column("b"), 0));
        Path gz = dir.resolve("g.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        }
        Table g = TableReader.read("a", gz);
        assertArrayEquals(new double[] {2, 4}, ((NumericColumn) g.column("b")).values());
    }

    @Test
    void parquetRoundTrip() throws Exception {
        Path p = dir.resolve("t.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES (1::INTEGER, 2.5::DECIMAL(5,2), 'x', true, DATE '2020-01-02'),"
                    + " (NULL, 3.0, NULL, false, NULL), (3, NULL, 'y', NULL, DATE '2021-01-01'))"
                    + " t(i, d, s, b, dt)) TO '" + p.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
        Table t = TableReader.read("p", p);
        assertEquals(3, t.rowCount());
        assertEquals(java.util.List.of("i", "d", "s", "b", "dt"), t.columnNames());
        NumericColumn i = (NumericColumn) t.column("i");
        assertEquals(1.0, i.get(0));
        assertTrue(i.isMissing(1));
        assertEquals(2.5, ((NumericColumn) t.column("d")).get(0));
        assertEquals("x", text(t.column("s"), 0));
        assertTrue(t.column("s").isMissing(1));
        assertEquals("TRUE", text(t.column("b"), 0));
        assertEquals("FALSE", text(t.column("b"), 1));
        assertEquals("2020-01-02", text(t.column("dt"), 0));
        assertFalse(t.locate(0, "i").describe().contains("line"));
    }

    private DataException fails(String name, String content) throws IOException {
        Path f = write(name, content);
        return assertThrows(DataException.class, () -> TableReader.read("site1", f));
    }

    @Test
    void tooManyFieldsNamesTheLineButNotItsContent() throws IOException {
        DataException e = fails("m.csv", "a,b,c\n1,2,3\n4,5,6,SECRET\n");
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("site site1"), e.getMessage());
        assertTrue(e.getMessage().contains("m.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 3 fields, found 4"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void tooFewFieldsAfterTheSniffingSample() throws IOException {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append(i).append(",1\n");
        }
        sb.append("7\n");
        DataException e = fails("few.csv", sb.toString());
        assertEquals(40_002, e.location().line());
        assertTrue(e.getMessage().contains("expected 2 fields, found 1"), e.getMessage());
    }

    @Test
    void unterminatedQuote() throws IOException {
        DataException e = fails("q.csv", "a,b\n1,2\n\"SECRET,3\n");
        assertEquals(3, e.location().line());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void fileProblems() throws IOException {
        DataException missing = assertThrows(DataException.class, () -> TableReader.read("s", dir.resolve("none.csv")));
        assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());
        assertTrue(fails("e.csv", "").getMessage().contains("empty"));
        DataException dup = fails("dup.csv", "a,b,a\n1,2,3\n");
        assertEquals("a", dup.location().column());
        assertTrue(dup.getMessage().contains("more than once"), dup.getMessage());
        assertTrue(fails("x.xlsx", "a\n1\n").getMessage().contains("unsupported file type"));
        assertTrue(fails("n.csv", "a,,b\n1,2,3\n").getMessage().contains("column 2 has no name"));
        assertTrue(fails("bad.parquet", "not parquet").getMessage().contains("not a readable Parquet file"));
    }

    @Test
    void headerOnlyGivesAnEmptyTable() throws IOException {
        Table t = TableReader.read("s", write("h.csv", "a,b\n"));
        assertEquals(0, t.rowCount());
        assertEquals(java.util.List.of("a", "b"), t.columnNames());
    }

    @Test
    void quoteInPathIsEscaped() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("it's here"));
        Path f = Files.writeString(sub.resolve("o'k.csv"), "a\n1\n");
        assertEquals(1, TableReader.read("s", f).rowCount());
    }
}
