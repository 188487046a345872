package org.medfed.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.error.DataException;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;

/** The JDBC reader against H2 in-memory databases (one per test, kept open by {@link #db}). */
class JdbcTableReaderTest {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private String url;
    private Connection db;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:h2:mem:jdbc" + NEXT.incrementAndGet();
        db = DriverManager.getConnection(url, "sa", "");
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private void sql(String... statements) throws SQLException {
        try (Statement s = db.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private Table table(String name) {
        return JdbcTableReader.read("a", JdbcSource.ofTable(url, name, "sa", ""));
    }

    private Table query(String q) {
        return JdbcTableReader.read("a", JdbcSource.ofQuery(url, q, "sa", ""));
    }

    private static String text(Table t, String column, int row) {
        return ((TextColumn) t.column(column)).get(row);
    }

    private static double num(Table t, String column, int row) {
        return ((NumericColumn) t.column(column)).get(row);
    }

    private void createPerson() throws SQLException {
        sql("CREATE TABLE person (id INTEGER, age DOUBLE PRECISION, weight DECIMAL(6,2), big BIGINT,"
                        + " small SMALLINT, ratio REAL, smoker BOOLEAN, sex VARCHAR(10), code CHAR(5), note VARCHAR,"
                        + " born DATE, seen TIMESTAMP, at_time TIME, seen_tz TIMESTAMP WITH TIME ZONE)",
                "INSERT INTO person VALUES (3, 41.5, 70.25, 9007199254740993, -2, 0.5, TRUE, 'F', 'ab', 'x',"
                        + " DATE '2024-03-01', TIMESTAMP '2024-03-01 13:05:00', TIME '07:08:09',"
                        + " TIMESTAMP WITH TIME ZONE '2024-03-01 13:05:00.25+02:00')",
                "INSERT INTO person VALUES (1, NULL, NULL, NULL, NULL, NULL, FALSE, '', NULL, 'NA',"
                        + " NULL, TIMESTAMP '1999-12-31 23:59:59.123', NULL, NULL)",
                "INSERT INTO person VALUES (2, 0.1, 1, 0, 7, NULL, NULL, 'M', 'ab   ', NULL,"
                        + " DATE '1970-01-01', NULL, NULL, NULL)");
    }

    @Test
    void readsEveryTypeWithNullsAsMissing() throws SQLException {
        createPerson();
        Table t = table("person");
        assertEquals(3, t.rowCount());
        assertEquals(List.of("ID", "AGE", "WEIGHT", "BIG", "SMALL", "RATIO", "SMOKER", "SEX", "CODE", "NOTE",
                "BORN", "SEEN", "AT_TIME", "SEEN_TZ"), t.columnNames());
        assertArrayEquals(new double[] {3, 1, 2}, ((NumericColumn) t.column("ID")).values());
        assertEquals(41.5, num(t, "AGE", 0));
        assertTrue(t.column("AGE").isMissing(1));
        assertEquals(0.1, num(t, "AGE", 2));
        assertEquals(70.25, num(t, "WEIGHT", 0));
        assertTrue(t.column("WEIGHT").isMissing(1));
        assertEquals(9007199254740993.0, num(t, "BIG", 0)); // as double, like integers from a CSV file
        assertEquals(0.0, num(t, "BIG", 2)); // a real zero, not missing
        assertEquals(-2.0, num(t, "SMALL", 0));
        assertEquals(0.5, num(t, "RATIO", 0));
        // Booleans read as the file reader reads them: the text TRUE/FALSE (R's logical terms).
        assertEquals("TRUE", text(t, "SMOKER", 0));
        assertEquals("FALSE", text(t, "SMOKER", 1));
        assertTrue(t.column("SMOKER").isMissing(2));

        assertEquals("F", text(t, "SEX", 0));
        assertTrue(t.column("SEX").isMissing(1), "empty string is missing, as in a CSV file");
        assertEquals("M", text(t, "SEX", 2));
        assertEquals("ab", text(t, "CODE", 0));
        assertEquals("ab", text(t, "CODE", 2), "CHAR padding is not part of the value");
        assertEquals(1, ((TextColumn) t.column("CODE")).dictionary().length);
        assertTrue(t.column("CODE").isMissing(1));
        assertEquals("NA", text(t, "NOTE", 1), "NA is a value in a database; NULL is its missing");
        assertTrue(t.column("NOTE").isMissing(2));

        assertEquals("2024-03-01", text(t, "BORN", 0));
        assertTrue(t.column("BORN").isMissing(1));
        assertEquals("1970-01-01", text(t, "BORN", 2));
        assertEquals("2024-03-01 13:05:00", text(t, "SEEN", 0));
        assertEquals("1999-12-31 23:59:59.123", text(t, "SEEN", 1));
        assertEquals("07:08:09", text(t, "AT_TIME", 0));
        assertEquals("2024-03-01 11:05:00.25+00:00", text(t, "SEEN_TZ", 0));
        assertTrue(t.column("SEEN_TZ").isMissing(2));

        assertEquals("a", t.site());
        assertEquals(url + " (table person)", t.file());
        assertEquals("site a, file " + url + " (table person) row 2, column AGE", t.locate(1, "AGE").describe());
    }

    @Test
    void aQueryIsRunAsWritten() throws SQLException {
        createPerson();
        Table t = query("SELECT id AS \"id\", age * 2 AS \"twice\", sex AS \"sex\" FROM person WHERE id > 1 ORDER BY id");
        assertEquals(List.of("id", "twice", "sex"), t.columnNames());
        assertArrayEquals(new double[] {2, 3}, ((NumericColumn) t.column("id")).values());
        assertArrayEquals(new double[] {0.2, 83}, ((NumericColumn) t.column("twice")).values());
        assertEquals("M", text(t, "sex", 0));
        assertTrue(t.file().startsWith(url + " (query SELECT id AS \"id\""), t.file());
    }

    @Test
    void anEmptyOrAllMissingTextColumnBecomesNumeric() throws SQLException {
        sql("CREATE TABLE e (s VARCHAR, x INTEGER)", "INSERT INTO e VALUES (NULL, 1), ('', 2)");
        Table t = table("e");
        assertInstanceOf(NumericColumn.class, t.column("S"));
        assertTrue(t.column("S").isMissing(0));
        assertTrue(t.column("S").isMissing(1));
        assertEquals(0, query("SELECT * FROM e WHERE x > 5").rowCount());
    }

    @Test
    void readsManyRowsAcrossFetches() throws SQLException {
        int n = 3 * JdbcTableReader.FETCH_SIZE + 17;
        sql("CREATE TABLE big AS SELECT X AS v, CAST(MOD(X, 3) AS VARCHAR) AS g FROM SYSTEM_RANGE(1, " + n + ")");
        Table t = query("SELECT v, g FROM big ORDER BY v");
        assertEquals(n, t.rowCount());
        double[] v = ((NumericColumn) t.column("V")).values();
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, v[i]);
        }
        assertEquals(3, ((TextColumn) t.column("G")).dictionary().length);
        assertEquals("1", text(t, "G", n - 1 - ((n - 1) % 3)));
    }

    @Test
    void tableNamesFollowTheDatabasesCaseRulesAndAreQuoted() throws SQLException {
        sql("CREATE SCHEMA clinic", "CREATE TABLE clinic.visit (id INTEGER)", "INSERT INTO clinic.visit VALUES (5)",
                "CREATE TABLE \"Mixed\" (id INTEGER)", "INSERT INTO \"Mixed\" VALUES (6)",
                "CREATE TABLE \"ORDER\" (id INTEGER)", "INSERT INTO \"ORDER\" VALUES (7)",
                "CREATE TABLE \"a_b\" (id INTEGER)", "CREATE TABLE \"AXB\" (id INTEGER)", "INSERT INTO \"AXB\" VALUES (8)");
        assertEquals(5.0, num(table("clinic.visit"), "ID", 0));
        assertEquals(5.0, num(table("CLINIC.Visit"), "ID", 0));
        assertEquals(6.0, num(table("Mixed"), "ID", 0));
        assertEquals(7.0, num(table("order"), "ID", 0), "a reserved word works because it is quoted");
        // "_" is a wildcard in metadata lookups: a_b must not be taken as AXB's existing spelling.
        assertEquals(0, table("a_b").rowCount());
        assertEquals(8.0, num(table("axb"), "ID", 0));
    }

    @Test
    void anythingButAPlainTableNameIsRefused() {
        for (String bad : List.of("person; DROP TABLE person", "a.b.c", "\"person\"", "per son", "1abc", "a-b", "t--")) {
            UsageException e = assertThrows(UsageException.class, () -> JdbcSource.ofTable(url, bad, null, null));
            assertTrue(e.getMessage().contains("plain name"), e.getMessage());
        }
        assertThrows(UsageException.class, () -> new JdbcSource(url, "t", "SELECT 1", null, null));
        assertThrows(UsageException.class, () -> new JdbcSource(url, null, " ", null, null));
        assertThrows(UsageException.class, () -> JdbcSource.ofTable("postgresql://h/db", "t", null, null));
        assertThrows(UsageException.class, () -> JdbcSource.ofTable(" ", "t", null, null));
    }

    @Test
    void anUnsupportedColumnTypeNamesSiteSourceAndColumn() throws SQLException {
        sql("CREATE TABLE blobs (id INTEGER, payload VARBINARY(8))", "INSERT INTO blobs VALUES (2, X'0102')");
        DataException e = assertThrows(DataException.class, () -> table("blobs"));
        assertEquals("site a, file " + url + " (table blobs), column PAYLOAD: column type BINARY VARYING"
                        + " cannot be read (medfed reads numbers, booleans, text, dates and times);"
                        + " select it cast to one of those in a query", e.getMessage());
        // The way out the message suggests: convert it in a query.
        assertEquals(2.0, num(query("SELECT id, OCTET_LENGTH(payload) AS n FROM blobs"), "N", 0));
    }

    @Test
    void databaseErrorsAreDataExceptionsAtTheSource() throws SQLException {
        sql("CREATE TABLE t (id INTEGER)");
        DataException missing = assertThrows(DataException.class, () -> table("nosuch"));
        assertTrue(missing.getMessage().startsWith("site a, file " + url + " (table nosuch): the database could not be read: "),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("NOSUCH"), missing.getMessage());
        DataException twice = assertThrows(DataException.class, () -> query("SELECT id, id FROM t"));
        assertTrue(twice.getMessage().contains("column ID: column name appears more than once"), twice.getMessage());
    }

    @Test
    void connectionFailuresNameTheUrlButNeverThePassword() throws SQLException {
        MedfedException noDriver = assertThrows(MedfedException.class, () -> JdbcTableReader.read("b",
                JdbcSource.ofTable("jdbc:nosuch://db.example/x?user=u&password=s3cret&ssl=true", "t", null, null)));
        assertFalse(noDriver instanceof DataException);
        assertTrue(noDriver.getMessage().startsWith("site b: cannot connect to jdbc:nosuch://db.example/x?user=u&ssl=true: "),
                noDriver.getMessage());
        assertFalse(noDriver.getMessage().contains("s3cret"), noDriver.getMessage());

        sql("CREATE USER reader PASSWORD 'right-one'");
        MedfedException wrong = assertThrows(MedfedException.class, () -> JdbcTableReader.read("b",
                JdbcSource.ofTable(url + ";PASSWORD=pw-in-url", "t", "reader", "wrong-one")));
        assertTrue(wrong.getMessage().startsWith("site b: cannot connect to " + url + ": "), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("wrong-one") || wrong.getMessage().contains("pw-in-url"), wrong.getMessage());
    }

    @Test
    void descriptionsAndToStringNeverShowThePassword() {
        JdbcSource s = JdbcSource.ofTable("jdbc:postgresql://h/db?password=p1&user=u&sslpassword=p2", "person", "u", "p3");
        assertEquals("jdbc:postgresql://h/db?user=u (table person)", s.description());
        assertEquals("JdbcSource[jdbc:postgresql://h/db?user=u (table person), user u]", s.toString());
        assertEquals("jdbc:postgresql://h/db", JdbcSource.withoutPassword("jdbc:postgresql://h/db?PASSWORD=x"));
        assertEquals("jdbc:h2:mem:x;USER=sa", JdbcSource.withoutPassword("jdbc:h2:mem:x;USER=sa;PASSWORD=x"));
        assertEquals("jdbc:postgresql://h/db?user=u", JdbcSource.withoutPassword("jdbc:postgresql://h/db?user=u&password="));
        JdbcSource q = JdbcSource.ofQuery("jdbc:postgresql://h/db", "SELECT a,\n   b FROM t WHERE x = 'y'", null, "p3");
        assertEquals("jdbc:postgresql://h/db (query SELECT a, b FROM t WHERE x = 'y')", q.description());
        assertFalse(q.toString().contains("p3"));
        JdbcSource longQuery = JdbcSource.ofQuery("jdbc:postgresql://h/db", "SELECT " + "x, ".repeat(100) + "y FROM t", null, null);
        assertTrue(longQuery.description().endsWith("...)"), longQuery.description());
    }
}
