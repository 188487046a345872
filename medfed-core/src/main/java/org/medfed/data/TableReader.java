package org.medfed.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.medfed.error.DataException;
import org.medfed.error.DataLocation;

/**
 * Reads a site's file into a {@link Table} through an embedded, locked-down DuckDB.
 *
 * <p>Delimited text ({@code .csv}, {@code .tsv}, {@code .txt}, each optionally {@code .gz}) is
 * read as R's {@code read.csv(na.strings = "NA")} would for the analyses medfed runs: a header
 * line, {@code NA} and empty fields missing, every column either numeric (integers too, as
 * double) or text. Values DuckDB would turn into dates or booleans stay text, exactly as
 * written ({@code TRUE}/{@code FALSE} give the same model terms as R's logicals). A column with
 * one non-numeric cell is text, wherever in the file that cell is, so the model frame can name
 * it. Malformed files are refused with the line at fault but never its content.
 *
 * <p>Parquet numeric types become double; strings, dates and times become text; booleans
 * become the text {@code TRUE}/{@code FALSE}; nested and binary columns are refused.
 *
 * <p>Blank lines in delimited files are skipped (as R does), which shifts the line numbers
 * that later messages report for rows after them.
 */
public final class TableReader {
    /** Only numbers and text: dates and booleans stay as written, as R reads them with read.csv. */
    private static final String TYPES = "auto_type_candidates=['BIGINT','DOUBLE','VARCHAR']";

    private TableReader() {
    }

    /** Reads {@code file} for {@code site}; every failure is a {@link DataException} naming both. */
    public static Table read(String site, Path file) {
        DataLocation at = DataLocation.file(site, file.toString());
        Path abs = file.toAbsolutePath().normalize();
        FileKind kind = FileKind.of(abs);
        if (kind == null) {
            throw new DataException(at, "unsupported file type: medfed reads .csv, .tsv and .txt"
                    + " (optionally gzipped, .csv.gz) and .parquet");
        }
        if (!Files.exists(abs)) {
            throw new DataException(at, "file not found");
        }
        if (!Files.isRegularFile(abs)) {
            throw new DataException(at, "not a regular file");
        }
        if (!Files.isReadable(abs)) {
            throw new DataException(at, "file cannot be read (permission denied)");
        }
        String path = abs.toString();
        if (path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}')) {
            // DuckDB expands these as a file pattern; a pattern could match more than this file.
            throw new DataException(at, "the file path contains one of * ? [ ] { }, which the reader"
                    + " would treat as a pattern; rename the file or its folder");
        }
        try (DuckDbSession session = DuckDbSession.forFile(path)) {
            return kind.isText()
                    ? readDelimited(session.connection(), site, file.toString(), abs, kind, at)
                    : readParquet(session.connection(), site, file.toString(), path, at);
        } catch (SQLException e) {
            throw new DataException(at, "the data engine failed to open the file", e);
        }
    }

    private static Table readDelimited(Connection c, String site, String shown, Path abs, FileKind kind,
                                       DataLocation at) throws SQLException {
        CsvHeader header;
        try {
            header = CsvHeader.read(abs, kind);
        } catch (IOException e) {
            throw new DataException(at, "file cannot be read: " + e.getMessage(), e);
        }
        if (header == null) {
            throw new DataException(at, "file is empty (no header line)");
        }
        List<String> names = header.names();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (name.isBlank()) {
                throw new DataException(at.withLine(1), "column " + (j + 1) + " has no name in the header line");
            }
            if (!seen.add(name)) {
                throw new DataException(at.withLine(1).withColumn(name), "column name appears more than once in the header line");
            }
        }
        String source = "read_csv(" + DuckDbSession.literal(abs.toString()) + ", " + dialect(header) + ")";
        int expectedRows = estimateRows(abs);
        ColumnCollector.Collected result = readTyped(c, source, names, false, expectedRows, at);
        if (!result.numberLikeText().isEmpty()) {
            // DuckDB sniffs types from the first rows only; a column empty there is typed as text
            // even if every later value is a number. Sniff every row to get it right.
            result = readTyped(c, source, names, true, expectedRows, at);
        }
        return new Table(site, shown, true, result.rowCount(), result.columns());
    }

    /**
     * Rows in an uncompressed delimited file, estimated from the length of its first lines (0 if
     * unknown): only sizes the first arrays, so a wrong guess costs a copy, never a wrong value.
     */
    static int estimateRows(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            return 0;
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(1 << 16);
            int lines = 0;
            for (byte b : head) {
                if (b == '\n') {
                    lines++;
                }
            }
            if (lines < 2) {
                return 0;
            }
            double bytesPerLine = (double) head.length / lines;
            return (int) Math.min(Integer.MAX_VALUE - 8L, (long) (Files.size(file) / bytesPerLine * 1.02) + 16);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Rows of a Parquet file, from its metadata (0 if unknown). */
    private static int parquetRows(Connection c, String source) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + source)) {
            return rs.next() ? (int) Math.min(Integer.MAX_VALUE - 8L, rs.getLong(1)) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Options that fix the dialect, so DuckDB only sniffs types and follows R's reading rules. */
    private static String dialect(CsvHeader header) {
        return "header=true, delim=" + (header.delimiter() == '\t' ? "'\\t'" : "','")
                + ", quote='\"', escape='\"', nullstr=['NA',''], skip=0, comment=''"
                + ", strict_mode=true, null_padding=false, ignore_errors=false";
    }

    private static ColumnCollector.Collected readTyped(Connection c, String source, List<String> names,
                                                        boolean allRows, int expectedRows, DataLocation at)
            throws SQLException {
        String sniffed = allRows
                ? source.substring(0, source.length() - 1) + ", " + TYPES + ", sample_size=-1)"
                : source.substring(0, source.length() - 1) + ", " + TYPES + ")";
        boolean[] numeric;
        try {
            numeric = sniff(c, sniffed, names.size());
        } catch (SQLException e) {
            if (DuckDbErrors.isSnifferError(e.getMessage()) || DuckDbErrors.line(e.getMessage()) > 0) {
                throw structuralError(c, source, names.size(), at, e);
            }
            throw e;
        }
        if (numeric == null) {
            throw structuralError(c, source, names.size(), at, null);
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (int j = 0; j < numeric.length; j++) {
            // Positional references: no column name from the file is ever spliced into SQL.
            select.append(j == 0 ? "" : ", ").append(numeric[j] ? "CAST(#" + (j + 1) + " AS DOUBLE)" : "#" + (j + 1));
        }
        select.append(" FROM ").append(sniffed);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select.toString())) {
            return new ColumnCollector(names, numeric, expectedRows).collect(rs);
        } catch (SQLException e) {
            String msg = e.getMessage();
            if (DuckDbErrors.isConversionError(msg) && !allRows) {
                // A cell past the sniffing sample does not fit the sniffed type: sniff every row.
                return readTyped(c, source, names, true, expectedRows, at);
            }
            long line = DuckDbErrors.line(msg);
            if (line > 0) {
                throw new DataException(at.withLine(line), DuckDbErrors.csvProblem(msg), e);
            }
            throw e;
        }
    }

    /** Which columns DuckDB types as numbers; null when its column count disagrees with the header. */
    private static boolean[] sniff(Connection c, String source, int expected) throws SQLException {
        List<Boolean> numeric = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (rs.next()) {
                String type = rs.getString("column_type");
                numeric.add(type.equals("BIGINT") || type.equals("DOUBLE"));
            }
        }
        if (numeric.size() != expected) {
            return null;
        }
        boolean[] out = new boolean[expected];
        for (int j = 0; j < expected; j++) {
            out[j] = numeric.get(j);
        }
        return out;
    }

    /**
     * DuckDB's sniffer gives up on a malformed file without saying where; reading it again with
     * the column count fixed by the header makes the strict reader name the first bad line.
     */
    private static DataException structuralError(Connection c, String source, int fields, DataLocation at,
                                                 SQLException cause) {
        StringBuilder columns = new StringBuilder("{");
        for (int j = 1; j <= fields; j++) {
            columns.append(j == 1 ? "" : ", ").append("'c").append(j).append("': 'VARCHAR'");
        }
        columns.append('}');
        String strict = source.substring(0, source.length() - 1) + ", auto_detect=false, columns=" + columns + ")";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + strict)) {
            rs.next();
        } catch (SQLException e) {
            long line = DuckDbErrors.line(e.getMessage());
            if (line > 0) {
                return new DataException(at.withLine(line), DuckDbErrors.csvProblem(e.getMessage()), e);
            }
            return new DataException(at, "the file is not valid CSV", e);
        }
        return new DataException(at, "the file is not valid CSV (its layout could not be detected)", cause);
    }

    private static Table readParquet(Connection c, String site, String shown, String path, DataLocation at)
            throws SQLException {
        String source = "read_parquet(" + DuckDbSession.literal(path) + ")";
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (rs.next()) {
                names.add(rs.getString("column_name"));
                types.add(rs.getString("column_type"));
            }
        } catch (SQLException e) {
            throw new DataException(at, "not a readable Parquet file", e);
        }
        boolean[] numeric = new boolean[names.size()];
        StringBuilder select = new StringBuilder("SELECT ");
        for (int j = 0; j < names.size(); j++) {
            String ref = "#" + (j + 1);
            String expr = parquetExpression(ref, types.get(j));
            if (expr == null) {
                throw new DataException(at.withColumn(names.get(j)),
                        "column type " + types.get(j) + " cannot be read (medfed reads numbers, text, booleans, dates and times)");
            }
            numeric[j] = expr.startsWith("CAST(" + ref + " AS DOUBLE)");
            select.append(j == 0 ? "" : ", ").append(expr);
        }
        select.append(" FROM ").append(source);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select.toString())) {
            ColumnCollector.Collected result = new ColumnCollector(names, numeric, parquetRows(c, source)).collect(rs);
            return new Table(site, shown, false, result.rowCount(), result.columns());
        } catch (SQLException e) {
            throw new DataException(at, "not a readable Parquet file", e);
        }
    }

    /** SQL that turns one Parquet column into DOUBLE or VARCHAR, or null for unsupported types. */
    private static String parquetExpression(String ref, String type) {
        String t = type.toUpperCase(Locale.ROOT);
        if (t.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT))|FLOAT|DOUBLE|DECIMAL\\(\\d+,\\s*\\d+\\)")) {
            return "CAST(" + ref + " AS DOUBLE)";
        }
        if (t.equals("BOOLEAN")) {
            // R writes logicals as TRUE/FALSE; DuckDB's own text for them is lower case.
            return "CASE WHEN " + ref + " THEN 'TRUE' WHEN NOT " + ref + " THEN 'FALSE' END";
        }
        if (t.equals("VARCHAR")) {
            return ref;
        }
        if (t.equals("DATE") || t.startsWith("TIMESTAMP") || t.startsWith("TIME") || t.startsWith("ENUM")) {
            return "CAST(" + ref + " AS VARCHAR)";
        }
        return null;
    }
}
