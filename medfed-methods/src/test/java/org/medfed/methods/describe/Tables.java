package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;

/** Small in-memory site tables for tests: numeric columns (NaN = missing) and text columns (null = missing). */
final class Tables {
    private final String site;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private int rows = -1;

    private Tables(String site) {
        this.site = site;
    }

    static Tables site(String name) {
        return new Tables(name);
    }

    Tables numbers(String name, double... values) {
        rows = values.length;
        columns.put(name, new NumericColumn(name, values));
        return this;
    }

    Tables text(String name, String... values) {
        rows = values.length;
        List<String> dict = new ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                codes[i] = -1;
                continue;
            }
            int c = dict.indexOf(values[i]);
            if (c < 0) {
                dict.add(values[i]);
                c = dict.size() - 1;
            }
            codes[i] = c;
        }
        columns.put(name, new TextColumn(name, codes, dict.toArray(String[]::new)));
        return this;
    }

    Table table() {
        return new Table(site, site + ".csv", true, rows, List.copyOf(columns.values()));
    }
}
