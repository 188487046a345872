package org.medfed.methods.describe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;

/** The analyst's clipping bounds ({@code --bounds COLUMN=LO:HI}) as the correlation and t-test parameters check them. */
final class Bounds {
    private Bounds() {
    }

    /**
     * The bounds, checked: each names one of {@code columns} and is finite LO:HI with LO <= HI;
     * {@code what} says what the columns are, for the message.
     */
    static Map<String, double[]> validated(Map<String, double[]> bounds, List<String> columns, String what) {
        Map<String, double[]> b = new LinkedHashMap<>();
        if (bounds != null) {
            bounds.forEach((column, lohi) -> {
                if (!columns.contains(column)) {
                    throw new UsageException("--bounds " + column + ": not one of the " + what + " " + columns);
                }
                if (lohi == null || lohi.length != 2 || !Double.isFinite(lohi[0]) || !Double.isFinite(lohi[1])
                        || lohi[0] > lohi[1]) {
                    throw new UsageException("--bounds " + column + ": expected finite LO:HI with LO <= HI");
                }
                b.put(column, lohi.clone());
            });
        }
        return Collections.unmodifiableMap(b);
    }

    /** The clipping of {@code column}, or null when it has no bounds. */
    static Clip of(Map<String, double[]> bounds, String column) {
        double[] b = bounds.get(column);
        return b == null ? null : new Clip(b[0], b[1]);
    }
}
