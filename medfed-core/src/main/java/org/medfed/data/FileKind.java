package org.medfed.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The formats a site may hand medfed, decided by file name alone so that a custodian can
 * predict how a file will be read. {@code .txt} is delimited text whose separator (tab or
 * comma) is taken from its header line.
 */
enum FileKind {
    CSV, TSV, TXT, PARQUET;

    /** The kind for this file name, or null when medfed does not read it. */
    static FileKind of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
            // Parquet compresses internally; a gzipped Parquet file is not something DuckDB reads.
            if (name.endsWith(".parquet")) {
                return null;
            }
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".tsv")) {
            return TSV;
        }
        if (name.endsWith(".txt")) {
            return TXT;
        }
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        return null;
    }

    boolean isText() {
        return this != PARQUET;
    }
}
