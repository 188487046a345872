package org.medfed.agent;

import java.nio.file.Path;

/**
 * Where one of a site's datasets lives: a CSV/TSV/Parquet file, or a database table or query
 * reached over JDBC. The password is never printed.
 */
public record DatasetSpec(String name, Path path, String jdbcUrl, String table, String query, String user,
                          String password) {

    public static DatasetSpec file(String name, Path path) {
        return new DatasetSpec(name, path, null, null, null, null, null);
    }

    /** Reads the dataset into memory (files through DuckDB, databases through JDBC). */
    public org.medfed.data.Table read(String site) {
        if (isFile()) {
            return org.medfed.data.TableReader.read(site, path);
        }
        org.medfed.data.JdbcSource source = table != null
                ? org.medfed.data.JdbcSource.ofTable(jdbcUrl, table, user, password)
                : org.medfed.data.JdbcSource.ofQuery(jdbcUrl, query, user, password);
        return org.medfed.data.JdbcTableReader.read(site, source);
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
