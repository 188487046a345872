/**
 * A site's table in memory, and how it is read. Tables are columnar: numeric columns are
 * {@code double[]} with {@code NaN} for missing, text columns are integer codes into a
 * dictionary with {@code -1} for missing. Files are read through embedded DuckDB (CSV and
 * Parquet, no extension downloads). Nothing in this package interprets columns statistically;
 * that is the model frame's job ({@code org.medfed.formula}).
 */
package org.medfed.data;
