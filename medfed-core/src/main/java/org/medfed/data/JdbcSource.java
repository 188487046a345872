package org.medfed.data;

import java.util.regex.Pattern;
import org.medfed.error.UsageException;

/**
 * A site's dataset held in a database: a JDBC URL and either a {@code table} (read whole) or a
 * {@code query} (run as written). {@code user} and {@code password} are optional; either may
 * also be in the URL, as the driver allows.
 *
 * <p>The password never appears in {@link #toString()}, {@link #description()} or any message
 * built from them: both leave out the password fields and strip {@code password=...} parameters
 * from the URL, because these strings end up in logs, audit records and analysts' error output.
 */
public record JdbcSource(String url, String table, String query, String user, String password) {
    /**
     * A table name: one identifier or {@code schema.table}, letters, digits and underscores only.
     * Anything else is refused rather than quoted, so no text from the configuration other than
     * the operator's own query ever reaches SQL.
     */
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    /** {@code password=}, {@code sslpassword=}, {@code pwd=} parameters, after ? & or ; (H2 style). */
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&;])(\\w*password|pwd)=[^&;]*");
    private static final int SHOWN_QUERY = 80;

    public JdbcSource {
        if (url == null || url.isBlank()) {
            throw new UsageException("a jdbc dataset needs a URL (jdbc: ...)");
        }
        if (!url.startsWith("jdbc:")) {
            throw new UsageException("not a JDBC URL (must start with jdbc:): " + withoutPassword(url));
        }
        boolean hasTable = table != null && !table.isBlank();
        boolean hasQuery = query != null && !query.isBlank();
        if (hasTable == hasQuery) {
            throw new UsageException("a jdbc dataset needs exactly one of table or query: " + withoutPassword(url));
        }
        if (hasTable && !TABLE.matcher(table).matches()) {
            throw new UsageException("table must be a plain name or schema.table (letters, digits, _): "
                    + withoutPassword(url) + " (table " + table + ")");
        }
        table = hasTable ? table : null;
        query = hasQuery ? query : null;
    }

    /** A table source. */
    public static JdbcSource ofTable(String url, String table, String user, String password) {
        return new JdbcSource(url, table, null, user, password);
    }

    /** A query source. */
    public static JdbcSource ofQuery(String url, String query, String user, String password) {
        return new JdbcSource(url, null, query, user, password);
    }

    /**
     * Where the rows come from, for messages and {@link Table#file()}: the URL without its
     * password and the table, e.g. {@code jdbc:postgresql://host/db (table person)}, or the start
     * of the query on one line.
     */
    public String description() {
        if (table != null) {
            return withoutPassword(url) + " (table " + table + ")";
        }
        String q = query.strip().replaceAll("\\s+", " ");
        if (q.length() > SHOWN_QUERY) {
            q = q.substring(0, SHOWN_QUERY) + "...";
        }
        return withoutPassword(url) + " (query " + q + ")";
    }

    /** The URL with every password parameter removed. */
    public String safeUrl() {
        return withoutPassword(url);
    }

    /** {@code url} with {@code password=...} (and the like) parameters removed. */
    static String withoutPassword(String url) {
        String s = SECRET_PARAM.matcher(url).replaceAll(m -> m.group(1).equals("?") ? "?" : "");
        // "?password=x&user=y" became "?&user=y"; "?password=x" became a trailing "?".
        return s.replace("?&", "?").replaceAll("\\?$", "");
    }

    /**
     * A driver's message made safe to show: password parameters of any URL it quotes are
     * removed, and the password itself, should the driver echo it, is masked.
     */
    String scrub(String message) {
        if (message == null) {
            return "";
        }
        String s = withoutPassword(message);
        if (password != null && !password.isEmpty()) {
            s = s.replace(password, "***");
        }
        for (java.util.regex.MatchResult m : SECRET_PARAM.matcher(url).results().toList()) {
            String value = m.group().substring(m.group().indexOf('=') + 1);
            if (!value.isEmpty()) {
                s = s.replace(value, "***");
            }
        }
        return s;
    }

    /** Never shows the password, not even masked: a record's default toString would. */
    @Override
    public String toString() {
        return "JdbcSource[" + description() + (user == null ? "" : ", user " + user) + "]";
    }
}
