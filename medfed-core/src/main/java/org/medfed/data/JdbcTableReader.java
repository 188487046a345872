package org.medfed.data;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.medfed.error.DataException;
import org.medfed.error.DataLocation;
import org.medfed.error.MedfedException;

/**
 * Reads a site's table or query result from a database (PostgreSQL in practice) into a
 * {@link Table}, using only {@code java.sql}: the driver comes from the classpath.
 *
 * <p>Column types, decided from the database's own types, never by looking at values:
 * <ul>
 * <li>SMALLINT, INTEGER, BIGINT, REAL, FLOAT, DOUBLE, NUMERIC, DECIMAL: numeric (as double);
 *     NULL is missing.</li>
 * <li>BOOLEAN (PostgreSQL's {@code bool}, which its driver reports as BIT): the text {@code TRUE}
 *     / {@code FALSE}, as the file reader gives booleans in CSV and Parquet, so a database site and
 *     a file site agree, and a formula term gets R's logical coding ({@code smokerTRUE}).</li>
 * <li>CHAR, VARCHAR, TEXT: text; NULL and the empty string are missing, as an empty field is
 *     in a CSV file. CHAR values lose their trailing pad spaces (SQL compares them without),
 *     so {@code char(5)} at one site and {@code varchar} at another give the same levels.
 *     The string {@code NA} is a value here, not missing: a database has NULL for that.</li>
 * <li>DATE, TIME, TIMESTAMP: text in ISO 8601 form with a space between date and time, as
 *     DuckDB writes them for Parquet input and R prints them: {@code 2024-03-01},
 *     {@code 2024-03-01 13:05:00}, fractional seconds only when present. TIMESTAMP WITH TIME
 *     ZONE is converted to UTC and written with {@code +00:00}, so sites in different zones
 *     agree.</li>
 * <li>Anything else (binary, JSON, arrays, UUID, intervals, ...): refused with a
 *     {@link DataException} naming the column; a query can cast it.</li>
 * </ul>
 * As for files, a column with no value at all becomes numeric (all missing).
 *
 * <p>The read runs in one read-only transaction that is rolled back at the end, and rows are
 * fetched {@value #FETCH_SIZE} at a time (PostgreSQL otherwise sends the whole result at once,
 * so a large table would sit in memory twice: as driver rows and as medfed's columns).
 *
 * <p>Messages never contain the password (see {@link JdbcSource#description()}), nor more of a
 * database error than its first line: later lines (PostgreSQL's DETAIL) may quote row values.
 */
public final class JdbcTableReader {
    /** Rows per round trip: large enough to be fast, small enough to keep driver memory low. */
    public static final int FETCH_SIZE = 10_000;

    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(TIME)
            .toFormatter(Locale.ROOT);

    /** How one column's values are taken from the result set. */
    private enum Kind {
        NUMBER, BOOLEAN, TEXT, PADDED_TEXT, DATE, TIME, TIMESTAMP, TIMESTAMP_UTC;

        boolean numeric() {
            return this == NUMBER;
        }
    }

    private JdbcTableReader() {
    }

    /**
     * Reads {@code source} for {@code site}. A failure to connect is a {@link MedfedException}
     * ("site X: cannot connect to URL: reason"); everything after that is a
     * {@link DataException} located at the source (and column, where one is at fault).
     */
    public static Table read(String site, JdbcSource source) {
        String shown = source.description();
        DataLocation at = DataLocation.file(site, shown);
        try (Connection c = connect(site, source)) {
            try {
                // Read-only before the transaction starts: PostgreSQL then opens it READ ONLY, so
                // even the operator's own query cannot change the database.
                c.setReadOnly(true);
                c.setAutoCommit(false); // PostgreSQL honours the fetch size only inside a transaction
                String sql = source.table() != null
                        ? "SELECT * FROM " + quotedTable(c.getMetaData(), source.table())
                        : source.query();
                try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    s.setFetchSize(FETCH_SIZE);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        return collect(site, shown, rs, at);
                    }
                }
            } finally {
                rollbackQuietly(c);
            }
        } catch (SQLException e) {
            // No cause attached: the driver's full message may hold row values or the URL.
            throw new DataException(at, "the database could not be read: " + problem(source, e));
        }
    }

    private static Connection connect(String site, JdbcSource source) {
        Properties props = new Properties();
        if (source.user() != null) {
            props.setProperty("user", source.user());
        }
        if (source.password() != null) {
            props.setProperty("password", source.password());
        }
        try {
            return DriverManager.getConnection(source.url(), props);
        } catch (SQLException e) {
            // DriverManager's "no suitable driver" message quotes the whole URL: scrubbed.
            throw new MedfedException("site " + site + ": cannot connect to " + source.safeUrl() + ": "
                    + problem(source, e));
        }
    }

    /** First line of the driver's message, without secrets, with the SQL state when known. */
    private static String problem(JdbcSource source, SQLException e) {
        String msg = source.scrub(e.getMessage()).strip();
        int nl = msg.indexOf('\n');
        if (nl >= 0) {
            msg = msg.substring(0, nl).strip();
        }
        if (msg.isEmpty()) {
            msg = e.getClass().getSimpleName();
        }
        return e.getSQLState() == null ? msg : msg + " (SQL state " + e.getSQLState() + ")";
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // Nothing was written; closing the connection ends the transaction anyway.
        }
    }

    /**
     * The validated {@code [schema.]table} as quoted SQL. Each part is spelled as the database
     * stores it: exactly as written when such an object exists, otherwise folded as the
     * database folds unquoted names (PostgreSQL to lower case, H2 to upper), so that quoting
     * (which protects reserved words) does not make {@code Person} miss PostgreSQL's
     * {@code person}.
     */
    static String quotedTable(DatabaseMetaData md, String table) throws SQLException {
        int dot = table.indexOf('.');
        String schema = dot < 0 ? null : table.substring(0, dot);
        String name = dot < 0 ? table : table.substring(dot + 1);
        String storedSchema = null;
        if (schema != null) {
            storedSchema = schemaExists(md, schema) ? schema : folded(md, schema);
        }
        String storedName = tableExists(md, storedSchema, name) ? name : folded(md, name);
        String q = md.getIdentifierQuoteString();
        q = q == null || q.isBlank() ? "" : q.strip();
        // Parts are letters, digits and _ only (JdbcSource checked), so they need no escaping.
        return (storedSchema == null ? "" : q + storedSchema + q + ".") + q + storedName + q;
    }

    private static boolean schemaExists(DatabaseMetaData md, String schema) throws SQLException {
        try (ResultSet rs = md.getSchemas(null, escapePattern(md, schema))) {
            while (rs.next()) {
                if (schema.equals(rs.getString("TABLE_SCHEM"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean tableExists(DatabaseMetaData md, String schema, String name) throws SQLException {
        try (ResultSet rs = md.getTables(null, schema == null ? null : escapePattern(md, schema),
                escapePattern(md, name), null)) {
            while (rs.next()) {
                if (name.equals(rs.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String folded(DatabaseMetaData md, String identifier) throws SQLException {
        if (md.storesUpperCaseIdentifiers()) {
            return identifier.toUpperCase(Locale.ROOT);
        }
        if (md.storesLowerCaseIdentifiers()) {
            return identifier.toLowerCase(Locale.ROOT);
        }
        return identifier;
    }

    /** Metadata lookups take LIKE patterns, in which {@code _} matches any character. */
    private static String escapePattern(DatabaseMetaData md, String s) throws SQLException {
        String esc = md.getSearchStringEscape();
        if (esc == null || esc.isEmpty()) {
            return s;
        }
        return s.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
    }

    private static Kind kind(ResultSetMetaData meta, int column) throws SQLException {
        switch (meta.getColumnType(column)) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
                 Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL:
                return Kind.NUMBER;
            case Types.BOOLEAN:
                return Kind.BOOLEAN;
            case Types.BIT:
                // PostgreSQL reports bool as BIT; a longer bit string is not a boolean.
                return meta.getPrecision(column) <= 1 ? Kind.BOOLEAN : null;
            case Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.LONGNVARCHAR:
                return Kind.TEXT;
            case Types.CHAR, Types.NCHAR:
                return Kind.PADDED_TEXT;
            case Types.DATE:
                return Kind.DATE;
            case Types.TIME:
                // PostgreSQL reports timetz as TIME too; a time of day with a zone has no UTC form.
                return typeName(meta, column).equals("timetz") ? null : Kind.TIME;
            case Types.TIMESTAMP:
                // PostgreSQL reports timestamptz as TIMESTAMP, not TIMESTAMP_WITH_TIMEZONE.
                return typeName(meta, column).equals("timestamptz") ? Kind.TIMESTAMP_UTC : Kind.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return Kind.TIMESTAMP_UTC;
            default:
                return null;
        }
    }

    private static String typeName(ResultSetMetaData meta, int column) throws SQLException {
        String name = meta.getColumnTypeName(column);
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    private static Table collect(String site, String shown, ResultSet rs, DataLocation at) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int k = meta.getColumnCount();
        List<String> names = new ArrayList<>(k);
        Kind[] kinds = new Kind[k];
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < k; j++) {
            String name = meta.getColumnLabel(j + 1);
            if (!seen.add(name)) {
                throw new DataException(at.withColumn(name), "column name appears more than once in the result;"
                        + " give each column its own name");
            }
            names.add(name);
            kinds[j] = kind(meta, j + 1);
            if (kinds[j] == null) {
                throw new DataException(at.withColumn(name), "column type " + meta.getColumnTypeName(j + 1)
                        + " cannot be read (medfed reads numbers, booleans, text, dates and times);"
                        + " select it cast to one of those in a query");
            }
        }
        int capacity = 1 << 12;
        double[][] doubles = new double[k][];
        int[][] codes = new int[k][];
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Integer>[] dictionaries = new Map[k];
        for (int j = 0; j < k; j++) {
            if (kinds[j].numeric()) {
                doubles[j] = new double[capacity];
            } else {
                codes[j] = new int[capacity];
                dictionaries[j] = new HashMap<>();
            }
        }
        int n = 0;
        while (rs.next()) {
            if (n == capacity) {
                if (capacity == Integer.MAX_VALUE - 8) {
                    throw new DataException(at, "more rows than medfed can hold in memory");
                }
                capacity = (int) Math.min((long) capacity + (capacity >> 1) + 1, Integer.MAX_VALUE - 8);
                for (int j = 0; j < k; j++) {
                    if (kinds[j].numeric()) {
                        doubles[j] = Arrays.copyOf(doubles[j], capacity);
                    } else {
                        codes[j] = Arrays.copyOf(codes[j], capacity);
                    }
                }
            }
            for (int j = 0; j < k; j++) {
                if (kinds[j].numeric()) {
                    doubles[j][n] = number(rs, j + 1, kinds[j]);
                } else {
                    codes[j][n] = ColumnCollector.code(dictionaries[j], text(rs, j + 1, kinds[j]));
                }
            }
            n++;
        }
        List<Column> columns = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            String name = names.get(j);
            if (kinds[j].numeric()) {
                columns.add(new NumericColumn(name, Arrays.copyOf(doubles[j], n)));
            } else if (dictionaries[j].isEmpty()) {
                double[] missing = new double[n];
                Arrays.fill(missing, Double.NaN);
                columns.add(new NumericColumn(name, missing));
            } else {
                String[] dictionary = new String[dictionaries[j].size()];
                dictionaries[j].forEach((value, code) -> dictionary[code] = value);
                columns.add(new TextColumn(name, Arrays.copyOf(codes[j], n), dictionary));
            }
        }
        return new Table(site, shown, false, n, columns);
    }

    private static double number(ResultSet rs, int column, Kind kind) throws SQLException {
        double v = rs.getDouble(column);
        // getDouble gives 0 for NULL; only wasNull tells them apart.
        return rs.wasNull() ? Double.NaN : v;
    }

    /** The value as medfed's text, or null when missing. */
    private static String text(ResultSet rs, int column, Kind kind) throws SQLException {
        String s = switch (kind) {
            case TEXT -> rs.getString(column);
            case BOOLEAN -> {
                boolean b = rs.getBoolean(column);
                yield rs.wasNull() ? null : b ? "TRUE" : "FALSE";
            }
            case PADDED_TEXT -> stripPad(rs.getString(column));
            case DATE -> format(rs.getObject(column, LocalDate.class), DateTimeFormatter.ISO_LOCAL_DATE);
            case TIME -> format(rs.getObject(column, LocalTime.class), TIME);
            case TIMESTAMP -> format(rs.getObject(column, LocalDateTime.class), TIMESTAMP);
            case TIMESTAMP_UTC -> {
                OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
                yield t == null ? null : TIMESTAMP.format(t.withOffsetSameInstant(ZoneOffset.UTC)) + "+00:00";
            }
            default -> throw new IllegalStateException(kind.name());
        };
        return s == null || s.isEmpty() ? null : s;
    }

    private static String format(java.time.temporal.TemporalAccessor value, DateTimeFormatter format) {
        return value == null ? null : format.format(value);
    }

    private static String stripPad(String s) {
        if (s == null) {
            return null;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }
}
