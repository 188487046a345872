package org.medfed.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a DuckDB result into medfed's columns in one pass over the rows. Numeric columns
 * arrive as DOUBLE (the SQL casts them), text columns as VARCHAR and are coded against a
 * dictionary as they stream in, so each distinct string is kept once however many rows repeat
 * it. A column with no value at all becomes numeric (all NaN), as R reads an all-NA column as
 * logical rather than character.
 */
final class ColumnCollector {
    private final List<String> names;
    private final boolean[] numeric;
    private final int expectedRows;

    /**
     * @param expectedRows an estimate of the row count (0 if unknown): arrays start at that size
     *                     so a large file is not copied again and again while its arrays grow
     */
    ColumnCollector(List<String> names, boolean[] numeric, int expectedRows) {
        this.names = names;
        this.numeric = numeric;
        this.expectedRows = expectedRows;
    }

    /** Result of a read: the columns, and which text columns hold only number-like values. */
    record Collected(int rowCount, List<Column> columns, List<String> numberLikeText) {
    }

    Collected collect(ResultSet rs) throws SQLException {
        int k = names.size();
        int capacity = Math.max(1 << 12, expectedRows);
        double[][] doubles = new double[k][];
        int[][] codes = new int[k][];
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Integer>[] dictionaries = new Map[k];
        for (int j = 0; j < k; j++) {
            if (numeric[j]) {
                doubles[j] = new double[capacity];
            } else {
                codes[j] = new int[capacity];
                dictionaries[j] = new HashMap<>();
            }
        }
        int[] numericIndex = java.util.stream.IntStream.range(0, k).filter(j -> numeric[j]).toArray();
        int[] textIndex = java.util.stream.IntStream.range(0, k).filter(j -> !numeric[j]).toArray();
        int n = 0;
        while (rs.next()) {
            if (n == capacity) {
                if (capacity == Integer.MAX_VALUE - 8) {
                    throw new SQLException("more rows than medfed can hold in memory");
                }
                capacity = (int) Math.min((long) capacity + (capacity >> 1) + 1, Integer.MAX_VALUE - 8);
                for (int j = 0; j < k; j++) {
                    if (numeric[j]) {
                        doubles[j] = Arrays.copyOf(doubles[j], capacity);
                    } else {
                        codes[j] = Arrays.copyOf(codes[j], capacity);
                    }
                }
            }
            // Numeric and text columns in separate tight loops: this loop runs once per row and
            // its JIT-compiled form decides the read speed.
            for (int j : numericIndex) {
                // DuckDB's getDouble gives NaN for SQL NULL, which is medfed's missing value.
                doubles[j][n] = rs.getDouble(j + 1);
            }
            for (int j : textIndex) {
                codes[j][n] = code(dictionaries[j], rs.getString(j + 1));
            }
            n++;
        }
        List<Column> columns = new ArrayList<>(k);
        List<String> numberLike = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            String name = names.get(j);
            if (numeric[j]) {
                columns.add(new NumericColumn(name, trim(doubles[j], n)));
            } else if (dictionaries[j].isEmpty()) {
                double[] missing = new double[n];
                Arrays.fill(missing, Double.NaN);
                columns.add(new NumericColumn(name, missing));
            } else {
                String[] dictionary = new String[dictionaries[j].size()];
                boolean allNumbers = true;
                for (Map.Entry<String, Integer> e : dictionaries[j].entrySet()) {
                    dictionary[e.getValue()] = e.getKey();
                    allNumbers &= looksNumeric(e.getKey());
                }
                if (allNumbers) {
                    numberLike.add(name);
                }
                columns.add(new TextColumn(name, codes[j].length == n ? codes[j] : Arrays.copyOf(codes[j], n), dictionary));
            }
        }
        return new Collected(n, columns, numberLike);
    }

    private static double[] trim(double[] values, int n) {
        return values.length == n ? values : Arrays.copyOf(values, n);
    }

    /** The dictionary code of a text value (new values get the next code); -1 for missing. */
    static int code(Map<String, Integer> dictionary, String value) {
        if (value == null) {
            return -1;
        }
        Integer code = dictionary.get(value);
        if (code == null) {
            code = dictionary.size();
            dictionary.put(value, code);
        }
        return code;
    }

    /**
     * Whether a text value could be a number. Used only to spot a column that DuckDB's sampling
     * sniffer saw as empty and so typed as text: such a column is re-read with every row sniffed.
     * A false positive costs a slower read, never a wrong type.
     */
    static boolean looksNumeric(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return false;
        }
        char last = Character.toLowerCase(t.charAt(t.length() - 1));
        if (last == 'd' || last == 'f') {
            return false; // Java accepts "1d", DuckDB does not
        }
        try {
            Double.parseDouble(t);
            return true;
        } catch (NumberFormatException e) {
            String l = t.toLowerCase(java.util.Locale.ROOT).replaceFirst("^[+-]", "");
            return l.equals("inf") || l.equals("infinity") || l.equals("nan");
        }
    }
}
