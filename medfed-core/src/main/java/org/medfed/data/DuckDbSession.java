package org.medfed.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh in-memory DuckDB that may read exactly one file and nothing else. Extension download
 * and autoloading are switched off first (a site may be offline, and medfed must not fetch
 * code), then file access is narrowed to the one path and the configuration locked, so that
 * even a mistake in the SQL medfed builds could not reach another file.
 */
final class DuckDbSession implements AutoCloseable {
    private final Connection connection;

    private DuckDbSession(Connection connection) {
        this.connection = connection;
    }

    static DuckDbSession forFile(String absolutePath) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET autoinstall_known_extensions=false");
            s.execute("SET autoload_known_extensions=false");
            // Row i of the result must be row i of the file: R's row order is the reference.
            s.execute("SET preserve_insertion_order=true");
            s.execute("SET allowed_paths=[" + literal(absolutePath) + "]");
            s.execute("SET enable_external_access=false");
            s.execute("SET lock_configuration=true");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new DuckDbSession(c);
    }

    Connection connection() {
        return connection;
    }

    /** A SQL string literal: the only way a user-supplied value (the path) enters SQL. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
