package org.medfed.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The header record of a delimited file, exactly as written. DuckDB silently renames duplicate
 * and empty column names ({@code x_1}, {@code column2}) and its sniffer cannot report where a
 * malformed file goes wrong; reading the header ourselves lets medfed refuse such names and
 * know how many fields every line must have. Only the first record is parsed here (RFC 4180
 * quoting, {@code ""} as an escaped quote); the rows are DuckDB's job.
 */
record CsvHeader(char delimiter, List<String> names) {

    /** Reads the header; returns null for a file with no header at all (empty file). */
    static CsvHeader read(Path file, FileKind kind) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             Reader in = new InputStreamReader(maybeGunzip(file, raw), StandardCharsets.UTF_8)) {
            String line = firstRecord(in);
            if (line == null || line.isBlank()) {
                return null;
            }
            char delimiter = switch (kind) {
                case TSV -> '\t';
                case TXT -> line.indexOf('\t') >= 0 ? '\t' : ',';
                default -> ',';
            };
            return new CsvHeader(delimiter, split(line, delimiter));
        }
    }

    private static InputStream maybeGunzip(Path file, InputStream raw) throws IOException {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")
                ? new GZIPInputStream(raw) : raw;
    }

    /** Characters up to the first line break outside quotes, without a leading byte-order mark. */
    private static String firstRecord(Reader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\uFEFF' && sb.length() == 0) {
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if ((c == '\n' || c == '\r') && !quoted) {
                return sb.toString();
            }
            sb.append((char) c);
            if (sb.length() > 1_000_000) {
                throw new IOException("header line is longer than 1,000,000 characters");
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
