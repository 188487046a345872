package org.medfed.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.error.DataException;

/**
 * The JDBC reader against a real PostgreSQL server, named by {@code MEDFED_TEST_POSTGRES_URL}
 * (for example {@code jdbc:postgresql://127.0.0.1:5432/medfed?user=medfed&password=medfed}).
 * Skipped without it, unless {@code MEDFED_REQUIRE_POSTGRES=1} (set by {@code .ci/run} once it
 * has a server), so that CI cannot pass by silently skipping. Each test works in tables with a
 * random name and drops them.
 */
class JdbcPostgresTest {
    private String url;
    private Connection db;
    private String person;

    @BeforeEach
    void connect() throws SQLException {
        url = System.getenv("MEDFED_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("1".equals(System.getenv("MEDFED_REQUIRE_POSTGRES"))) {
                fail("MEDFED_REQUIRE_POSTGRES=1 but MEDFED_TEST_POSTGRES_URL is not set");
            }
            Assumptions.abort("MEDFED_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against");
        }
        db = DriverManager.getConnection(url);
        person = "medfed_person_" + UUID.randomUUID().toString().replace("-", "");
    }

    @AfterEach
    void drop() throws SQLException {
        if (db != null) {
            sql("DROP TABLE IF EXISTS " + person);
            db.close();
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Statement s = db.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String text(Table t, String column, int row) {
        return ((TextColumn) t.column(column)).get(row);
    }

    private static double[] values(Table t, String column) {
        return ((NumericColumn) t.column(column)).values();
    }

    private void createPerson() throws SQLException {
        sql("CREATE TABLE " + person + " (id serial PRIMARY KEY, n integer, big bigint, small smallint,"
                        + " amount numeric(10,3), ratio real, score double precision, smoker boolean,"
                        + " sex text, clinic varchar(20), code char(4), born date, seen timestamp,"
                        + " seen_tz timestamptz, tag uuid)",
                "INSERT INTO " + person + " (n, big, small, amount, ratio, score, smoker, sex, clinic, code, born,"
                        + " seen, seen_tz, tag) VALUES"
                        + " (1, 9007199254740993, -3, 12.345, 0.5, 0.1, true, 'F', 'north', 'ab',"
                        + "  '2024-03-01', '2024-03-01 13:05:00', '2024-03-01 13:05:00.5+02', gen_random_uuid()),"
                        + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (3, 0, 0, 'NaN', 'Infinity', -0.25, false, '', 'south', 'ab  ',"
                        + "  '1970-01-01', '1999-12-31 23:59:59.123', NULL, NULL)");
    }

    @Test
    void readsATableWithMixedTypes() throws SQLException {
        createPerson();
        Table t = JdbcTableReader.read("a", JdbcSource.ofQuery(url,
                "SELECT id, n, big, small, amount, ratio, score, smoker, sex, clinic, code, born, seen, seen_tz,"
                        + " tag::text AS tag FROM " + person + " ORDER BY id", null, null));
        assertFalse(t.file().contains("password"), t.file());
        assertEquals(3, t.rowCount());
        assertEquals(List.of("id", "n", "big", "small", "amount", "ratio", "score", "smoker", "sex", "clinic",
                "code", "born", "seen", "seen_tz", "tag"), t.columnNames());
        assertArrayEquals(new double[] {1, Double.NaN, 3}, values(t, "n"));
        assertArrayEquals(new double[] {9007199254740993.0, Double.NaN, 0}, values(t, "big"));
        assertArrayEquals(new double[] {-3, Double.NaN, 0}, values(t, "small"));
        // numeric NaN is missing in medfed, as it is in R.
        assertArrayEquals(new double[] {12.345, Double.NaN, Double.NaN}, values(t, "amount"));
        assertArrayEquals(new double[] {0.5, Double.NaN, Double.POSITIVE_INFINITY}, values(t, "ratio"));
        assertArrayEquals(new double[] {0.1, Double.NaN, -0.25}, values(t, "score"));
        assertEquals("TRUE", text(t, "smoker", 0));
        assertTrue(t.column("smoker").isMissing(1));
        assertEquals("FALSE", text(t, "smoker", 2));
        assertEquals("F", text(t, "sex", 0));
        assertTrue(t.column("sex").isMissing(1));
        assertTrue(t.column("sex").isMissing(2), "empty text is missing");
        assertEquals("south", text(t, "clinic", 2));
        assertEquals("ab", text(t, "code", 0));
        assertEquals("ab", text(t, "code", 2));
        assertEquals("2024-03-01", text(t, "born", 0));
        assertEquals("1970-01-01", text(t, "born", 2));
        assertEquals("2024-03-01 13:05:00", text(t, "seen", 0));
        assertEquals("1999-12-31 23:59:59.123", text(t, "seen", 2));
        assertEquals("2024-03-01 11:05:00.5+00:00", text(t, "seen_tz", 0));
        assertTrue(t.column("seen_tz").isMissing(2));
        assertInstanceOf(TextColumn.class, t.column("tag")); // uuid is refused unless the query casts it
        assertTrue(t.column("tag").isMissing(1));
    }

    @Test
    void readsAWholeTableByNameInAnyCaseAndRefusesUnsupportedTypes() throws SQLException {
        createPerson();
        DataException uuid = assertThrows(DataException.class,
                () -> JdbcTableReader.read("a", JdbcSource.ofTable(url, "public." + person.toUpperCase(), null, null)));
        assertTrue(uuid.getMessage().contains("(table public." + person.toUpperCase() + "), column tag: column type uuid"),
                uuid.getMessage());
        assertFalse(uuid.getMessage().contains("password"), uuid.getMessage());
        sql("ALTER TABLE " + person + " DROP COLUMN tag");
        Table t = JdbcTableReader.read("a", JdbcSource.ofTable(url, person.toUpperCase(), null, null));
        assertEquals(3, t.rowCount());
        assertEquals(14, t.columnNames().size());
    }

    @Test
    void theQueryRunsInAReadOnlyTransaction() throws SQLException {
        createPerson();
        DataException e = assertThrows(DataException.class, () -> JdbcTableReader.read("a",
                JdbcSource.ofQuery(url, "INSERT INTO " + person + " (n) VALUES (99) RETURNING n", null, null)));
        assertTrue(e.getMessage().contains("read-only transaction"), e.getMessage());
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + person)) {
            rs.next();
            assertEquals(3, rs.getInt(1));
        }
    }

    @Test
    void streamsALargeResultInFetches() {
        int n = 2 * JdbcTableReader.FETCH_SIZE + 5;
        Table t = JdbcTableReader.read("a", JdbcSource.ofQuery(url,
                "SELECT i, (i % 2 = 0) AS even, 'g' || (i % 3) AS g FROM generate_series(1, " + n + ") AS s(i)",
                null, null));
        assertEquals(n, t.rowCount());
        double[] i = values(t, "i");
        for (int r = 0; r < n; r++) {
            assertEquals(r + 1, i[r]);
        }
        assertEquals("TRUE", text(t, "even", 1));
        assertEquals("FALSE", text(t, "even", 0));
        assertEquals(3, ((TextColumn) t.column("g")).dictionary().length);
    }
}
