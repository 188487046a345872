package org.medfed.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's CSV error messages into one short sentence. DuckDB's messages quote the whole
 * offending line ("Original Line: ...") and the reader options; a site's rows must never leave
 * the site, not even in an error message, so only the line number and the kind of fault are kept.
 */
final class DuckDbErrors {
    private static final Pattern LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern FIELDS = Pattern.compile("Expected Number of Columns: (\\d+) Found: (\\d+)");

    private DuckDbErrors() {
    }

    /** The line DuckDB blames, or 0 when it names none. */
    static long line(String message) {
        Matcher m = LINE.matcher(message == null ? "" : message);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** A short description of a malformed-CSV fault, without any of the row's content. */
    static String csvProblem(String message) {
        String msg = message == null ? "" : message;
        Matcher f = FIELDS.matcher(msg);
        if (f.find()) {
            return "expected " + f.group(1) + " fields, found " + f.group(2);
        }
        if (msg.contains("unterminated quote")) {
            return "a quoted field is not closed";
        }
        if (msg.contains("Invalid unicode") || msg.contains("Invalid UTF")) {
            return "the text is not valid UTF-8";
        }
        if (msg.contains("Maximum line size")) {
            return "the line is longer than the reader allows";
        }
        return "the line is not valid CSV";
    }

    static boolean isConversionError(String message) {
        return message != null && message.startsWith("Conversion Error");
    }

    static boolean isSnifferError(String message) {
        return message != null && message.contains("Error when sniffing file");
    }
}
