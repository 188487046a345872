/**
 * A site's table in memory, and how it is read. Tables are columnar: numeric columns are
 * {@code double[]} with {@code NaN} for missing, text columns are integer codes into a
 * dictionary with {@code -1} for missing. Files are read through embedded DuckDB (CSV and
 * Parquet, no extension downloads); database tables and queries through plain JDBC
 * ({@link org.medfed.data.JdbcTableReader}, the driver supplied by whoever runs the site).
 * Nothing in this package interprets columns statistically;
 * that is the model frame's job ({@code org.medfed.formula}).
 */
package org.medfed.data;
