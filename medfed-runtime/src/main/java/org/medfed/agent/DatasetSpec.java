package org.medfed.agent;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one of a site's datasets lives: a CSV/TSV/Parquet file, or a database table or query
 * reached over JDBC. The password is never printed. {@code coarsen} is the site's own rounding of
 * columns ({@code coarsen: {time: 7}}: times rounded up to multiples of 7, days to weeks), applied
 * as the dataset is loaded, so no method ever sees the exact values; methods that release times
 * say so in their results ({@link org.medfed.data.Table#coarsening(String)}).
 */
public record DatasetSpec(String name, Path path, String jdbcUrl, String table, String query, String user,
                          String password, Map<String, Double> coarsen) {

    public DatasetSpec {
        coarsen = coarsen == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(coarsen));
    }

    /** A dataset whose columns are loaded as they are. */
    public DatasetSpec(String name, Path path, String jdbcUrl, String table, String query, String user, String password) {
        this(name, path, jdbcUrl, table, query, user, password, Map.of());
    }

    public static DatasetSpec file(String name, Path path) {
        return new DatasetSpec(name, path, null, null, null, null, null);
    }

    /** This dataset with columns rounded up to multiples of the given steps when it is loaded. */
    public DatasetSpec withCoarsening(Map<String, Double> steps) {
        return new DatasetSpec(name, path, jdbcUrl, table, query, user, password, steps);
    }

    /** Reads the dataset into memory (files through DuckDB, databases through JDBC), coarsened as configured. */
    public org.medfed.data.Table read(String site) {
        if (isFile()) {
            return org.medfed.data.TableReader.read(site, path).coarsen(coarsen);
        }
        org.medfed.data.JdbcSource source = table != null
                ? org.medfed.data.JdbcSource.ofTable(jdbcUrl, table, user, password)
                : org.medfed.data.JdbcSource.ofQuery(jdbcUrl, query, user, password);
        return org.medfed.data.JdbcTableReader.read(site, source).coarsen(coarsen);
    }

    public boolean isFile() {
        return path != null;
    }

    @Override
    public String toString() {
        if (isFile()) {
            return name + " (" + path + ")";
        }
        org.medfed.data.JdbcSource source = table != null
                ? org.medfed.data.JdbcSource.ofTable(jdbcUrl, table, user, password)
                : org.medfed.data.JdbcSource.ofQuery(jdbcUrl, query, user, password);
        return name + " (" + source.description() + ")";
    }
}
