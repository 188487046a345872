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
    private final Map<String, Double> coarsening;

    public Table(String site, String file, boolean hasLines, int rowCount, List<Column> columns) {
        this(site, file, hasLines, rowCount, columns, Map.of());
    }

    private Table(String site, String file, boolean hasLines, int rowCount, List<Column> columns,
                  Map<String, Double> coarsening) {
        this.coarsening = Collections.unmodifiableMap(new LinkedHashMap<>(coarsening));
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

    /**
     * This table with each named numeric column rounded up to a multiple of its step (a site's
     * {@code coarsen} policy, e.g. days to weeks: 1..7 become 7, 8..14 become 14); missing values
     * stay missing. Methods read the step back with {@link #coarsening(String)} and report it.
     */
    public Table coarsen(Map<String, Double> steps) {
        if (steps.isEmpty()) {
            return this;
        }
        for (String name : steps.keySet()) {
            if (!columns.containsKey(name)) {
                column(name);
            }
            if (!(steps.get(name) > 0) || Double.isInfinite(steps.get(name))) {
                throw new DataException(location().withColumn(name), "coarsening step must be a positive number, got "
                        + steps.get(name));
            }
        }
        Map<String, Double> all = new LinkedHashMap<>(coarsening);
        List<Column> out = new ArrayList<>();
        for (Column c : columns.values()) {
            Double step = steps.get(c.name());
            if (step == null) {
                out.add(c);
                continue;
            }
            if (!(c instanceof NumericColumn n)) {
                throw new DataException(location().withColumn(c.name()), "cannot coarsen: the column is not numeric");
            }
            double[] v = n.values().clone();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isNaN(v[i])) {
                    // Exact for integer times and steps: the quotient's ceiling times the step.
                    v[i] = Math.ceil(v[i] / step) * step;
                }
            }
            out.add(new NumericColumn(c.name(), v));
            all.put(c.name(), step);
        }
        return new Table(site, file, hasLines, rowCount, out, all);
    }

    /** The step this column was rounded up to when the site loaded it, or 0 where it was not coarsened. */
    public double coarsening(String column) {
        return coarsening.getOrDefault(column, 0.0);
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
