package org.medfed.error;

/**
 * Where in a site's data a problem is: any part may be absent (null, or line &lt; 1).
 * Renders as {@code site b, file /data/b.csv, line 17, column age}.
 */
public record DataLocation(String site, String file, long line, String column) {

    public static DataLocation site(String site) {
        return new DataLocation(site, null, 0, null);
    }

    public static DataLocation file(String site, String file) {
        return new DataLocation(site, file, 0, null);
    }

    public DataLocation withLine(long line) {
        return new DataLocation(site, file, line, column);
    }

    public DataLocation withColumn(String column) {
        return new DataLocation(site, file, line, column);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        append(sb, site == null ? null : "site " + site);
        append(sb, file == null ? null : "file " + file);
        append(sb, line > 0 ? "line " + line : null);
        append(sb, column == null ? null : "column " + column);
        return sb.length() == 0 ? "input" : sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (part == null) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(part);
    }
}
