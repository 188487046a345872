package org.medfed.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.DataException;
import org.medfed.error.DataLocation;

/**
 * A site's rows, column by column, with where they came from so that errors can name the site,
 * file and line. For CSV input, row {@code i} (0-based) is on line {@code i + 2} of the file
 * (line 1 is the header); for Parquet there are no lines and messages name the row instead.
 */
public final class Table {
    private final String site;
    private final String file;
    private final boolean hasLines;
    private final int rowCount;
    private final Map<String, Column> columns;

    public Table(String site, String file, boolean hasLines, int rowCount, List<Column> columns) {
        this.site = site;
        this.file = file;
        this.hasLines = hasLines;
        this.rowCount = rowCount;
        Map<String, Column> byName = new LinkedHashMap<>();
        for (Column c : columns) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, table has " + rowCount);
            }
            byName.put(c.name(), c);
        }
        this.columns = Collections.unmodifiableMap(byName);
    }

    public String site() {
        return site;
    }

    public String file() {
        return file;
    }

    public int rowCount() {
        return rowCount;
    }

    public List<String> columnNames() {
        return new ArrayList<>(columns.keySet());
    }

    public List<Column> columns() {
        return new ArrayList<>(columns.values());
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** The column, or a {@link DataException} naming the site, file and the columns it does have. */
    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new DataException(location().withColumn(name),
                    "no such column (columns are: " + String.join(", ", columns.keySet()) + ")");
        }
        return c;
    }

    /** Location of this table's file, for error messages. */
    public DataLocation location() {
        return DataLocation.file(site, file);
    }

    /** Location of one cell, for error messages: line for CSV input, row number otherwise. */
    public DataLocation locate(int row, String column) {
        DataLocation at = location().withColumn(column);
        if (hasLines) {
            return at.withLine(row + 2L);
        }
        return new DataLocation(site, file == null ? null : file + " row " + (row + 1), 0, column);
    }
}
